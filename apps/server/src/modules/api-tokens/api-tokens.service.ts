import type { ApiToken, CreateApiTokenResponse } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { randomToken, sha256 } from '../../lib/secrets.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiTokensRepository } from './api-tokens.repository.ts';

/** Recognisable in logs and secret scanners; only the hash is stored. */
const TOKEN_PREFIX = 'rlk_';

function companyOf(principal: Principal): string {
  const companyId = principal.company?.id;
  if (principal.role !== 'landlord' || !companyId) throw forbidden();
  return companyId;
}

export function createApiTokensService({ db, repository }: { db: Kysely<Database>; repository: ApiTokensRepository }) {
  return {
    list(principal: Principal): Promise<ApiToken[]> {
      return repository.listLive(companyOf(principal));
    },

    async create(principal: Principal, name: string): Promise<CreateApiTokenResponse> {
      const companyId = companyOf(principal);
      // A token cannot mint more tokens: keys are made by people, in the app.
      if (principal.via !== 'session') throw forbidden('API tokens are created by a signed-in user');
      const secret = `${TOKEN_PREFIX}${randomToken()}`;
      const token = await db.transaction().execute(async (trx) => {
        const created = await repository.insert(trx, {
          companyId,
          createdBy: principal.userId,
          name,
          tokenHash: sha256(secret),
          prefix: secret.slice(0, 10),
        });
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId,
          action: 'api_token.created',
          entityType: 'api_token',
          entityId: created.id,
          after: { name: created.name, prefix: created.prefix },
        });
        return created;
      });
      return { token, secret };
    },

    async revoke(principal: Principal, tokenId: string): Promise<void> {
      const companyId = companyOf(principal);
      await db.transaction().execute(async (trx) => {
        const revoked = await repository.revoke(trx, companyId, tokenId, new Date());
        if (!revoked) throw notFound('API token');
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId,
          action: 'api_token.revoked',
          entityType: 'api_token',
          entityId: revoked.id,
          before: { name: revoked.name, prefix: revoked.prefix },
        });
      });
    },
  };
}

export type ApiTokensService = ReturnType<typeof createApiTokensService>;
