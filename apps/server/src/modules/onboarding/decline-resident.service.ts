import type { ResidentDetail } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { residentDeclinedEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import type { ReviewGuards } from './review-guards.service.ts';
import type { ReviewRepository } from './review.repository.ts';

type Deps = {
  db: Kysely<Database>;
  repository: ReviewRepository;
  guards: ReviewGuards;
  detail: (principal: Principal, residentId: string) => Promise<ResidentDetail>;
  mailer: Mailer;
  notifications: NotificationsRepository;
  appUrl: string;
  now: () => Date;
};

/** pending -> declined with a reason the resident sees (email and notification); the second of two deciding gets 409. */
export function createDeclineResident({ db, repository, guards, detail, mailer, notifications, appUrl, now }: Deps) {
  return async function decline(principal: Principal, residentId: string, reason: string): Promise<ResidentDetail> {
    const resident = await guards.load(principal, residentId);
    const step = { from: resident.status, to: await guards.decide(resident, 'decline') };
    const ok = await db.transaction().execute(async (trx) => {
      if (!(await repository.markDeclined(trx, { id: residentId, ...step, reason, actorId: principal.userId, now: now() }))) return false;
      await recordAudit(trx, { actorUserId: principal.userId, companyId: resident.company_id, action: 'resident.declined', entityType: 'resident', entityId: residentId, before: { status: step.from }, after: { status: step.to, reason } });
      if (resident.email) {
        await mailer.queue(trx, {
          idempotencyKey: `declined:${residentId}`,
          companyId: resident.company_id,
          to: resident.email,
          ...residentDeclinedEmail({ firstName: resident.first_name, companyName: resident.company_name, reason, link: `${appUrl}/me` }),
        });
      }
      if (resident.user_id) {
        await notifications.insert(trx, [{ userId: resident.user_id, kind: 'resident_declined', title: 'Your residency was not approved', body: reason, link: '/me' }]);
      }
      return true;
    });
    if (!ok) throw await guards.alreadyDecided(residentId);
    return detail(principal, residentId);
  };
}
