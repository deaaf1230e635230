import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { pendingReviewEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { rentalPlace } from './rental-search.domain.ts';
import type { ReviewRepository } from './review.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const FIRST_REMINDER_MS = 2 * DAY_MS;
export const LATER_REMINDER_MS = 7 * DAY_MS;
/** Reminders sent per run of the review-reminders job. */
const REMINDERS_PER_RUN = 500;

type Deps = { db: Kysely<Database>; repository: ReviewRepository; mailer: Mailer; notifications: NotificationsRepository; appUrl: string; now: () => Date };

/** Staff hear of a resident pending their approval (email and notification) at once, again after 2 days, then weekly. */
export function createReviewReminders({ db, repository, mailer, notifications, appUrl, now }: Deps) {
  async function notifyStaffPending(trx: Kysely<Database>, resident: { id: string; companyId: string; name: string; place: string }, reminder = 0) {
    const staff = await repository.staffOf(resident.companyId, trx);
    const link = `${appUrl}/app/residents/${resident.id}/review`;
    await mailer.queue(
      trx,
      staff.map((user) => ({
        idempotencyKey: `pending:${resident.id}:${reminder}:${user.id}`,
        companyId: resident.companyId,
        to: user.email,
        ...pendingReviewEmail({ firstName: user.first_name, residentName: resident.name, place: resident.place, link, reminder: reminder > 0 }),
      })),
    );
    await notifications.insert(
      trx,
      staff.map((user) => ({
        userId: user.id,
        kind: reminder > 0 ? 'resident_pending_reminder' : 'resident_pending',
        title: `${resident.name} is pending your approval`,
        body: resident.place,
        link: `/app/residents/${resident.id}/review`,
      })),
    );
  }

  /** Emails staff again about residents still pending whose reminder is due; each is claimed once, whichever process runs. */
  async function sendDueReminders(): Promise<number> {
    const due = await repository.dueReminders(now(), REMINDERS_PER_RUN);
    for (const resident of due) {
      await db.transaction().execute(async (trx) => {
        const claimed = await repository.claimReminder(trx, { id: resident.id, remindersSent: resident.reminders_sent, nextAt: new Date(now().getTime() + LATER_REMINDER_MS) });
        if (!claimed) return;
        await notifyStaffPending(trx, { id: resident.id, companyId: resident.company_id, name: `${resident.first_name} ${resident.last_name}`, place: rentalPlace(resident.name, resident.label) }, resident.reminders_sent + 1);
      });
    }
    return due.length;
  }

  return { notifyStaffPending, sendDueReminders };
}
