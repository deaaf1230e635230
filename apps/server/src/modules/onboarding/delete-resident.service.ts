import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { statusesAllowing } from './resident-status.domain.ts';
import type { ReviewGuards } from './review-guards.service.ts';
import type { ReviewRepository } from './review.repository.ts';

type Deps = { db: Kysely<Database>; repository: ReviewRepository; guards: ReviewGuards; now: () => Date };

/**
 * Deletes an invited or pending resident (soft: the audit log keeps them); their open invitation is revoked
 * and reminders stop. An approved resident's lease is ended instead.
 */
export function createDeleteResident({ db, repository, guards, now }: Deps) {
  return async function remove(principal: Principal, residentId: string): Promise<void> {
    const resident = await guards.load(principal, residentId);
    if (resident.deleted_at) throw await guards.alreadyDecided(residentId);
    guards.transition(resident, 'delete');
    const ok = await db.transaction().execute(async (trx) => {
      // Guarded by every status a delete may start from: of two deleting at once, one changes the row.
      if (!(await repository.markDeleted(trx, { id: residentId, statuses: statusesAllowing('delete'), actorId: principal.userId, now: now() }))) return false;
      await repository.revokeOpenInvitations(trx, residentId, now());
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: resident.company_id,
        action: 'resident.deleted',
        entityType: 'resident',
        entityId: residentId,
        before: { status: resident.status, firstName: resident.first_name, lastName: resident.last_name, email: resident.email, unitId: resident.unit_id },
        after: null,
      });
      return true;
    });
    if (!ok) throw await guards.alreadyDecided(residentId);
  };
}
