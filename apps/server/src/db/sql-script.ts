import { type Kysely, sql } from 'kysely';

/**
 * Runs a script of several statements in one round trip. Without parameters
 * the driver sends it as a simple query, which PostgreSQL runs statement by
 * statement inside the caller's transaction.
 */
export async function executeStatements(db: Kysely<unknown>, script: string): Promise<void> {
  await sql.raw(script).execute(db);
}
