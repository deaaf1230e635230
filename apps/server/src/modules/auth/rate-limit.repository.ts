import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import type { RateLimitStore, RateWindow } from '../../lib/rate-limiter.ts';

const windowOf = (row: { count: number; expires_at: Date }): RateWindow => ({ count: row.count, endsAt: row.expires_at.getTime() });

/**
 * The rate limits' windows in PostgreSQL (lib/rate-limiter.ts holds the rules), shared by every server
 * process on the database. Times come from the caller's clock, as the in-memory windows did.
 */
export function createRateLimitRepository(db: Kysely<Database>): RateLimitStore {
  return {
    async read(scope, key, now) {
      const row = await db
        .selectFrom('rate_limits')
        .select(['count', 'expires_at'])
        .where('scope', '=', scope)
        .where('key_hash', '=', key)
        .where('expires_at', '>', new Date(now))
        .executeTakeFirst();
      return row ? windowOf(row) : undefined;
    },

    /** One statement: concurrent hits on any process serialize on the row, none is lost, an ended window restarts. */
    async hit(scope, key, windowMs, now) {
      const at = new Date(now);
      const ended = sql<boolean>`rate_limits.expires_at <= ${at}::timestamptz`;
      const row = await db
        .insertInto('rate_limits')
        .values({ scope, key_hash: key, count: 1, expires_at: new Date(now + windowMs) })
        .onConflict((conflict) =>
          conflict.columns(['scope', 'key_hash']).doUpdateSet({
            count: sql<number>`CASE WHEN ${ended} THEN 1 ELSE rate_limits.count + 1 END`,
            expires_at: sql<Date>`CASE WHEN ${ended} THEN excluded.expires_at ELSE rate_limits.expires_at END`,
          }),
        )
        .returning(['count', 'expires_at'])
        .executeTakeFirstOrThrow();
      return windowOf(row);
    },

    async forget(scope, key) {
      await db.deleteFrom('rate_limits').where('scope', '=', scope).where('key_hash', '=', key).execute();
    },

    async sweep(now) {
      await db.deleteFrom('rate_limits').where('expires_at', '<=', new Date(now)).execute();
    },
  };
}
