import { CHECKED_VALUE_SETS } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import type { Database } from './database.types.ts';

/** Every `column IN (...)` CHECK of the migrated schema, as `table.column` -> its values, sorted. */
async function checkedValueSets(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const { rows } = await sql<{ table: string; definition: string }>`
    SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint
    WHERE contype = 'c' AND connamespace = 'public'::regnamespace
  `.execute(db);
  const sets: Record<string, string[]> = {};
  for (const { table, definition } of rows) {
    // PostgreSQL shows `status IN ('a', 'b')` as `(status = ANY (ARRAY['a'::text, 'b'::text]))`.
    const match = /\(?"?(\w+)"? = ANY \(ARRAY\[(.*?)\]\)\)/.exec(definition);
    if (!match?.[1] || !match[2]) continue;
    sets[`${table}.${match[1]}`] = [...match[2].matchAll(/'([^']*)'::text/g)].map((m) => m[1] ?? '').sort();
  }
  return sets;
}

const declared = () => Object.fromEntries(Object.entries(CHECKED_VALUE_SETS).map(([column, values]) => [column, [...values].sort()]));

describe('value sets: contracts and the database agree', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('has exactly the CHECK lists of the migrations, one per declared set', async () => {
    expect(await checkedValueSets(database.db)).toEqual(declared());
  });

  it('notices a migration that changes a list without the contracts (a planted change, rolled back)', async () => {
    await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`ALTER TABLE residents DROP CONSTRAINT residents_status_check`.execute(trx);
        await sql`ALTER TABLE residents ADD CONSTRAINT residents_status_check CHECK (status IN ('waiting', 'invited', 'pending', 'approved', 'current', 'finished', 'declined', 'evicted'))`.execute(trx);
        const sets = await checkedValueSets(trx);
        expect(sets['residents.status']).toContain('evicted');
        expect(sets).not.toEqual(declared());
        throw new Error('roll back');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message === 'roll back')) throw error;
      });
    expect(await checkedValueSets(database.db)).toEqual(declared());
  });
});
