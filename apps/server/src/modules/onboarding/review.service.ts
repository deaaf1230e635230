import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import type { Mailer } from '../email/mailer.ts';
import type { IntegrationService } from '../integration/integration.service.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { createApproveResident } from './approve-resident.service.ts';
import { createAutoApprove } from './auto-approve.service.ts';
import { createDeclineResident } from './decline-resident.service.ts';
import { createDeleteResident } from './delete-resident.service.ts';
import { createEditResident } from './edit-resident.service.ts';
import { createEndLease, type LeaseEndedHook } from './end-lease.service.ts';
import { createMergeResident } from './merge-resident.service.ts';
import { createResidentDetail } from './resident-detail.service.ts';
import { createReviewGuards } from './review-guards.service.ts';
import { createReviewReminders } from './review-reminders.service.ts';
import type { ReviewRepository } from './review.repository.ts';

type Deps = {
  db: Kysely<Database>;
  repository: ReviewRepository;
  mailer: Mailer;
  notifications: NotificationsRepository;
  integration: () => IntegrationService;
  /** Called in the transaction that finishes a lease (payments stop autopay); made later than this service. */
  leaseEnded?: () => LeaseEndedHook;
  appUrl: string;
  now?: () => Date;
};

/**
 * The review of a resident: the landlord's decisions (approve, merge, decline, delete, edit, end lease) and the
 * automatic ones (auto-approval, reminders, scheduled lease ends), one use case per file, composed here into the one object
 * the residents routes, onboarding.service.ts, onboarding.jobs.ts and composition.ts use.
 */
export function createReviewService({ db, repository, mailer, notifications, integration, leaseEnded, appUrl, now = () => new Date() }: Deps) {
  const guards = createReviewGuards(repository);
  const detail = createResidentDetail({ repository, guards, now });
  const merge = createMergeResident({ repository, now });
  const approve = createApproveResident({ db, repository, guards, merge, detail, mailer, notifications, appUrl, now });
  const autoApprove = createAutoApprove({ repository, guards, approve, merge, integration });
  const reminders = createReviewReminders({ db, repository, mailer, notifications, appUrl, now });
  const endLease = createEndLease({ db, repository, guards, detail, leaseEnded: leaseEnded ? (trx, residentId, at) => leaseEnded()(trx, residentId, at) : undefined, now });
  return {
    detail,
    approve: approve.approve,
    approvalPreview: approve.preview,
    decline: createDeclineResident({ db, repository, guards, detail, mailer, notifications, appUrl, now }),
    remove: createDeleteResident({ db, repository, guards, now }),
    update: createEditResident({ db, repository, guards, merge, detail, now }),
    startSync: autoApprove.startSync,
    autoApprovePending: autoApprove.autoApprovePending,
    autoApprovePendingOne: autoApprove.autoApprovePendingOne,
    sendDueReminders: reminders.sendDueReminders,
    notifyStaffPending: reminders.notifyStaffPending,
    endLease: endLease.endLease,
    finishDueLeaseEnds: endLease.finishDueLeaseEnds,
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
