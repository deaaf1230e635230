import { type Kysely, sql } from 'kysely';

/**
 * Runs a script of several statements one at a time. PGlite's query() speaks
 * the extended protocol, which refuses several statements in one call, so
 * migrations split their scripts here. Statements must end with ";" at the end
 * of a line and contain no such ";" inside (no function bodies).
 */
export async function executeStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
