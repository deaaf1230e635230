import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** How long the database may take to answer before the health check calls it down. */
export const DATABASE_ANSWER_MS = 2_000;

export function createHealthRepository(db: Kysely<Database>, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? DATABASE_ANSWER_MS;
  return {
    /** True when the database answers a trivial query in time (a closed pool, a dropped or unreachable database: false). */
    async databaseAnswers(): Promise<boolean> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        const answer = sql<{ one: number }>`SELECT 1 AS one`.execute(db).then(
          (result) => result.rows[0]?.one === 1,
          () => false,
        );
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type HealthRepository = ReturnType<typeof createHealthRepository>;
