import type { ApiToken } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

function selectTokens(db: Kysely<Database>) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.prefix',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      sql<string>`users.first_name || ' ' || users.last_name`.as('user_name'),
    ])
    .where('api_tokens.revoked_at', 'is', null);
}

type TokenRow = Awaited<ReturnType<ReturnType<typeof selectTokens>['executeTakeFirstOrThrow']>>;

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdBy: { id: row.user_id, name: row.user_name },
  };
}

export function createApiTokensRepository(db: Kysely<Database>) {
  return {
    async listLive(companyId: string): Promise<ApiToken[]> {
      const rows = await selectTokens(db).where('api_tokens.company_id', '=', companyId).orderBy('api_tokens.created_at', 'desc').execute();
      return rows.map(toApiToken);
    },

    async insert(trx: Kysely<Database>, token: { companyId: string; createdBy: string; name: string; tokenHash: string; prefix: string }) {
      const { id } = await trx
        .insertInto('api_tokens')
        .values({
          company_id: token.companyId,
          created_by: token.createdBy,
          name: token.name,
          token_hash: token.tokenHash,
          prefix: token.prefix,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await selectTokens(trx).where('api_tokens.id', '=', id).executeTakeFirstOrThrow();
      return toApiToken(row);
    },

    /** Revokes a live token of the company; undefined when there is none (or it belongs elsewhere). */
    async revoke(trx: Kysely<Database>, companyId: string, tokenId: string, now: Date) {
      return trx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', tokenId)
        .where('company_id', '=', companyId)
        .where('revoked_at', 'is', null)
        .returning(['id', 'name', 'prefix'])
        .executeTakeFirst();
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
