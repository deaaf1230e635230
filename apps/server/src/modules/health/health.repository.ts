import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export function createHealthRepository(db: Kysely<Database>) {
  return {
    /** True when the database answers a trivial query. */
    async databaseAnswers(): Promise<boolean> {
      try {
        await sql`SELECT 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export type HealthRepository = ReturnType<typeof createHealthRepository>;
