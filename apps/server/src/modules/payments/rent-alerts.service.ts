import type { AlertPreferences, PaymentAlert, PaymentAlertList, PaymentAlertListQuery, RentReminder } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { AppError, invalid, notFound } from '../../lib/app-error.ts';
import type { Logger } from '../../jobs/job-definition.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { localDateIn, localTimeIn } from './banking-calendar.domain.ts';
import { formatDollars } from './payment-rules.domain.ts';
import { alertDigestEmail, beforeDueReminderEmail, landlordReminderEmail, overdueAlertEmail } from './rent-alert-emails.ts';
import { type AlertResolution, DIGEST_LISTED, describeAlert, digestDue, monthName, monthToRemind, overdueMonths, reminderHour, residentNotice, resolutionOf, returnedMonth, returnedResolution } from './rent-alerts.domain.ts';
import type { RentAlertRow, RentAlertsRepository } from './rent-alerts.repository.ts';
import type { RentPeriod } from './rent-periods.domain.ts';
import type { AnalyzedResident, RentPeriodsService } from './rent-periods.service.ts';

type Deps = {
  db: Kysely<Database>;
  repository: RentAlertsRepository;
  rentPeriods: Pick<RentPeriodsService, 'analyzeResidents'>;
  /** The same analysis on a clock `REMINDER_DAYS_BEFORE` days ahead: the months a reminder is about. */
  rentPeriodsAhead: Pick<RentPeriodsService, 'analyzeResidents'>;
  mailer: Mailer;
  notifications: NotificationsRepository;
  logger: Logger;
  appUrl: string;
  now?: () => Date;
};

type Staff = Awaited<ReturnType<RentAlertsRepository['staffOf']>>[number];

export type RentAlertsRun = { created: number; resolved: number };

const ALERTS_LINK = '/app/payment-alerts';

function toAlert(row: RentAlertRow): PaymentAlert {
  return {
    id: row.id,
    kind: row.kind,
    residentId: row.resident_id,
    residentName: `${row.first_name} ${row.last_name}`,
    propertyName: row.property_name,
    unitLabel: row.unit_label,
    month: row.month,
    amountCents: row.amount_cents,
    dueCents: row.due_cents,
    receivedCents: row.received_cents,
    shortfallCents: row.shortfall_cents,
    graceEndsOn: row.grace_ends_on,
    daysPastGrace: row.days_past_grace === null ? null : Math.max(0, Number(row.days_past_grace)),
    returnCode: row.return_code,
    returnReason: row.return_reason,
    createdAt: row.created_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolution: row.resolution,
    lastReminderAt: row.last_reminder_at ? new Date(row.last_reminder_at).toISOString() : null,
  };
}

const isActive = (resident: AnalyzedResident) => resident.status === 'approved' || resident.status === 'current';

/** Where a resident is emailed: their account's sign-in email, else the one on the resident record. */
type Reachable = AnalyzedResident & { notifyEmail: string | null };

/**
 * Rent alerts (issue 13): the `rent-alerts` job (every 10 minutes; it is what makes a due date plus grace pass at
 * each company's own midnight) analyses every approved and current resident through `analyzeResidents`, raises an
 * `overdue` alert for a month decided unpaid or short, tells the company's staff at once in the app and by email
 * (those on `immediate`; the others get the 08:00 digest), tells the resident, and resolves alerts whose month is
 * now covered (a returned one: by money arriving after the return, see rent-alerts.domain.ts); `runReminders`
 * (hourly, 08:00 to 20:00 company time) reminds residents before the due date when nothing is scheduled. `returnedAlerts` are raised by the
 * return itself (ach-returns.service.ts), in its transaction. An alert and what it sends share one transaction and
 * the alert's unique index: two runs at once make and send it once.
 */
export function createRentAlertsService({ db, repository, rentPeriods, rentPeriodsAhead, mailer, notifications, logger, appUrl, now = () => new Date() }: Deps) {
  function staffCache() {
    const cache = new Map<string, Promise<Staff[]>>();
    return (companyId: string) => {
      let staff = cache.get(companyId);
      if (!staff) {
        staff = repository.staffOf(companyId);
        cache.set(companyId, staff);
      }
      return staff;
    };
  }

  async function reachable(batch: AnalyzedResident[]): Promise<Reachable[]> {
    const emails = await repository.userEmailsOf(batch.flatMap((resident) => (resident.userId ? [resident.userId] : [])));
    return batch.map((resident) => ({ ...resident, notifyEmail: (resident.userId ? emails.get(resident.userId) : undefined) ?? resident.email }));
  }

  type Place = { unit_label: string; property_name: string } | undefined;

  async function raiseOverdue(resident: Reachable, period: RentPeriod, staff: Staff[], place: Place, at: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const id = await repository.insertAlert(
        trx,
        {
          company_id: resident.companyId,
          resident_id: resident.residentId,
          month: period.month,
          kind: 'overdue',
          payment_id: null,
          amount_cents: period.shortfallCents ?? period.dueCents - period.receivedCents,
          due_cents: period.dueCents,
          received_cents: period.receivedCents,
          shortfall_cents: period.shortfallCents ?? period.dueCents - period.receivedCents,
          grace_ends_on: period.graceEndsOn,
          return_code: null,
          return_reason: null,
        },
        at,
      );
      if (!id) return false;
      const residentName = `${resident.firstName} ${resident.lastName}`;
      const facts = { kind: 'overdue' as const, month: period.month, amountCents: period.shortfallCents ?? 0, dueCents: period.dueCents, receivedCents: period.receivedCents, shortfallCents: period.shortfallCents, daysPastGrace: null, returnCode: null, returnReason: null };
      const words = describeAlert(facts);
      const title = `${residentName}: rent for ${monthName(period.month)} ${period.receivedCents > 0 ? `is short by ${formatDollars(period.shortfallCents ?? 0)}` : 'is unpaid'}`;
      await notifications.insert(trx, staff.map((user) => ({ userId: user.id, kind: 'rent_overdue', title, body: `${words}: ${formatDollars(period.dueCents)} was due on ${period.dueDate}, grace to ${period.graceEndsOn}.`, link: ALERTS_LINK })));
      const named = { ...facts, residentName, unitLabel: place?.unit_label ?? null, propertyName: place?.property_name ?? null };
      await mailer.queue(
        trx,
        staff.filter((user) => user.payment_alert_email === 'immediate').map((user) => {
          const email = overdueAlertEmail({ firstName: user.first_name, alert: named, link: `${appUrl}${ALERTS_LINK}` });
          return { idempotencyKey: `rent-alert:${id}:${user.id}`, companyId: resident.companyId, to: user.email, subject: email.subject, text: email.text };
        }),
      );
      const notice = residentNotice(period);
      if (resident.userId) await notifications.insert(trx, [{ userId: resident.userId, kind: 'rent_late', title: notice.subject, body: notice.text, link: '/me/payments' }]);
      if (resident.notifyEmail) await mailer.queue(trx, { idempotencyKey: `rent-late:${id}`, companyId: resident.companyId, to: resident.notifyEmail, subject: notice.subject, text: `Hi ${resident.firstName},\n\n${notice.text}\n\n${appUrl}/me/payments\n` });
      return true;
    });
  }

  async function remindBeforeDue(resident: Reachable, period: RentPeriod, today: string, at: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const id = await repository.insertReminder(trx, { company_id: resident.companyId, resident_id: resident.residentId, month: period.month, kind: 'before_due', sent_on: today, sent_by: null }, at);
      if (!id) return false;
      const owed = period.dueCents - period.receivedCents;
      const email = beforeDueReminderEmail({ firstName: resident.firstName, month: period.month, owedCents: owed, dueDate: period.dueDate, link: `${appUrl}/me/payments` });
      if (resident.userId) await notifications.insert(trx, [{ userId: resident.userId, kind: 'rent_reminder', title: email.subject, body: `Your rent for ${monthName(period.month)} is due on ${period.dueDate} and no payment is scheduled.`, link: '/me/payments' }]);
      if (resident.notifyEmail) await mailer.queue(trx, { idempotencyKey: `rent-reminder:${id}`, companyId: resident.companyId, to: resident.notifyEmail, subject: email.subject, text: email.text });
      return true;
    });
  }

  /** One batch of the analysis: resolutions and new overdue alerts. */
  async function visitBatch(analyzed: AnalyzedResident[], staffOf: (companyId: string) => Promise<Staff[]>, counts: RentAlertsRun) {
    const at = now();
    const batch = await reachable(analyzed);
    const ids = batch.map((resident) => resident.residentId);
    const byId = new Map(batch.map((resident) => [resident.residentId, resident]));
    const [open, known] = await Promise.all([repository.openAlertsOf(ids), repository.overdueKeysOf(ids)]);
    const resolutions = new Map<AlertResolution, string[]>();
    const returnedIds = open.filter((alert) => alert.kind === 'returned').map((alert) => alert.id);
    const moneyAfter = await repository.moneyAfterReturns(returnedIds);
    /** "resident:month" of the returned alerts still open after this batch: no overdue alert for the same debt. */
    const returnedOpen = new Set<string>();
    for (const alert of open) {
      const resident = byId.get(alert.resident_id);
      if (!resident) continue;
      if (alert.kind === 'returned') {
        const resolution = returnedResolution(alert.amount_cents, moneyAfter.get(alert.id) ?? { paymentsCents: 0, paidOutsideCents: 0 }, resident.status);
        if (resolution) {
          resolutions.set(resolution, [...(resolutions.get(resolution) ?? []), alert.id]);
          continue;
        }
        const month = returnedMonth(alert.month, resident.periods, resident.today);
        if (month !== alert.month) await repository.setMonth(alert.id, month);
        returnedOpen.add(`${resident.residentId}:${month}`);
        // What the month it names received of what it owes, as the list shows beside the returned amount.
        const named = resident.periods.find((item) => item.month === month);
        if (named && (month !== alert.month || alert.due_cents !== named.dueCents || alert.received_cents !== named.receivedCents || alert.grace_ends_on !== named.graceEndsOn)) {
          await repository.refreshAmounts(alert.id, { due_cents: named.dueCents, received_cents: named.receivedCents, shortfall_cents: named.dueCents - named.receivedCents, grace_ends_on: named.graceEndsOn });
        }
        continue;
      }
      const resolution = resolutionOf(alert.month, resident.status, resident.periods);
      if (resolution) {
        resolutions.set(resolution, [...(resolutions.get(resolution) ?? []), alert.id]);
        continue;
      }
      const period = resident.periods.find((item) => item.month === alert.month);
      const shortfall = period ? period.dueCents - period.receivedCents : null;
      if (period && shortfall !== null && (alert.due_cents !== period.dueCents || alert.received_cents !== period.receivedCents || alert.shortfall_cents !== shortfall || alert.grace_ends_on !== period.graceEndsOn)) {
        await repository.refreshAmounts(alert.id, { due_cents: period.dueCents, received_cents: period.receivedCents, shortfall_cents: shortfall, grace_ends_on: period.graceEndsOn });
      }
    }
    for (const [resolution, alertIds] of resolutions) counts.resolved += await repository.resolve(alertIds, resolution, at);

    const raising = batch.filter(isActive).flatMap((resident) => {
      const returnedMonths = new Set(resident.periods.filter((period) => returnedOpen.has(`${resident.residentId}:${period.month}`)).map((period) => period.month));
      return overdueMonths(resident.periods, resident.today, resident.joinedOn, returnedMonths)
        .filter((period) => !known.has(`${resident.residentId}:${period.month}`))
        .map((period) => ({ resident, period }));
    });
    const places = raising.length > 0 ? await repository.placesOf([...new Set(raising.flatMap(({ resident }) => (resident.unitId ? [resident.unitId] : [])))]) : new Map();
    for (const { resident, period } of raising) {
      if (await raiseOverdue(resident, period, await staffOf(resident.companyId), resident.unitId ? places.get(resident.unitId) : undefined, at)) counts.created += 1;
    }
  }

  /**
   * The `rent-reminders` job (hourly): residents whose due date is within `REMINDER_DAYS_BEFORE` days, with rent
   * still owed, no payment scheduled or processing and no active autopay, are emailed and told in the app, once per
   * month (the reminder's unique index, in the transaction that sends it).
   */
  async function runReminders(filter: { companyId?: string } = {}): Promise<number> {
    let reminded = 0;
    const at = now();
    await rentPeriodsAhead.analyzeResidents(filter, async (analyzed) => {
      try {
        const toRemind = analyzed.filter(isActive).flatMap((resident) => {
          // Residents are emailed in the daytime only, 08:00 to 20:00 company time (the job runs hourly).
          if (!reminderHour(Number(localTimeIn(at, resident.timezone).slice(0, 2)))) return [];
          const today = localDateIn(at, resident.timezone);
          const period = resident.email || resident.userId ? monthToRemind(resident.periods, today) : null;
          return period ? [{ resident, period, today }] : [];
        });
        if (toRemind.length === 0) return;
        const paying = await repository.residentsWithPaymentComing(toRemind.map((item) => item.resident.residentId));
        const due = toRemind.filter((item) => !paying.has(item.resident.residentId));
        const reachableById = new Map((await reachable(due.map((item) => item.resident))).map((resident) => [resident.residentId, resident]));
        for (const { resident, period, today } of due) {
          const found = reachableById.get(resident.residentId);
          if (found && (await remindBeforeDue(found, period, today, at))) reminded += 1;
        }
      } catch (error) {
        logger.error({ err: error, residents: analyzed.length }, 'Rent alerts: a batch of reminders could not be sent');
      }
    });
    return reminded;
  }

  /** The `rent-alerts` job: every company's approved and current residents. */
  async function run(filter: { companyId?: string } = {}): Promise<RentAlertsRun> {
    const counts: RentAlertsRun = { created: 0, resolved: 0 };
    counts.resolved += await repository.resolveDeparted(now());
    const staffOf = staffCache();
    await rentPeriods.analyzeResidents(filter, async (batch) => {
      try {
        await visitBatch(batch, staffOf, counts);
      } catch (error) {
        logger.error({ err: error, residents: batch.length }, 'Rent alerts: a batch of residents could not be checked');
      }
    });
    return counts;
  }

  /** At once after something changed a resident's months (marked paid outside, a payment): resolve, or raise. */
  async function checkResidents(residentIds: string[]): Promise<RentAlertsRun> {
    const counts: RentAlertsRun = { created: 0, resolved: 0 };
    if (residentIds.length === 0) return counts;
    const staffOf = staffCache();
    try {
      await rentPeriods.analyzeResidents({ residentIds }, (batch) => visitBatch(batch, staffOf, counts));
    } catch (error) {
      // What called it has committed its change: the 10-minute job catches up.
      logger.error({ err: error, residents: residentIds.length }, 'Rent alerts: the residents could not be checked at once; the next run will');
    }
    return counts;
  }

  /**
   * Returned payments' alerts, in the return's own transaction (ach-returns.service.ts), for one company's chunk of a
   * return file in one statement: the month each was debited in, but never after the company's current one (a debit
   * on the 1st after the last banking day's cut-off; the job then names the earliest month owing). The resident and
   * the staff are told there; `digestStaffOf` says which staff get that email in their digest instead.
   */
  async function returnedAlerts(trx: Kysely<Database>, companyId: string, inputs: { residentId: string; paymentId: string; month: string; amountCents: number; code: string; reason: string }[], at = now()): Promise<string[]> {
    if (inputs.length === 0) return [];
    const company = await repository.companyOf(companyId);
    const current = localDateIn(at, company?.timezone ?? 'America/New_York').slice(0, 7);
    return repository.insertReturnedAlerts(
      trx,
      inputs.map((input) => ({ company_id: companyId, resident_id: input.residentId, month: input.month > current ? current : input.month, kind: 'returned' as const, payment_id: input.paymentId, amount_cents: input.amountCents, due_cents: null, received_cents: null, shortfall_cents: null, grace_ends_on: null, return_code: input.code.slice(0, 3), return_reason: input.reason.slice(0, 200) })),
      at,
    );
  }

  /** The company's staff user ids who chose the daily digest: an alert's email to them waits for it. */
  async function digestStaffOf(companyId: string, trx?: Kysely<Database>): Promise<Set<string>> {
    const staff = await repository.staffOf(companyId, trx);
    return new Set(staff.filter((user) => user.payment_alert_email === 'daily_digest').map((user) => user.id));
  }

  /** The hourly digest: each staff user on `daily_digest` whose company-local 08:00 has come gets one email a day. */
  async function runDigests(): Promise<number> {
    let sent = 0;
    for (const user of await repository.digestUsers()) {
      const at = now();
      const today = localDateIn(at, user.timezone);
      const hour = Number(localTimeIn(at, user.timezone).slice(0, 2));
      if (!user.company_id || !digestDue(hour, today, user.last_digest_on)) continue;
      const companyId = user.company_id;
      try {
        const queued = await db.transaction().execute(async (trx) => {
          const claim = await repository.claimDigest(trx, user.user_id, today, at);
          if (!claim) return false;
          // Every alert no digest of the user's has had, all marked had (none is left for a cut-off to skip).
          const ids = await repository.takeDigestItems(trx, user.user_id, companyId, claim.coveredUntil, at);
          if (ids.length === 0) return false;
          const alerts = (await repository.alertsByIds(trx, ids.slice(0, DIGEST_LISTED), at)).map(toAlert);
          const email = alertDigestEmail({ firstName: user.first_name, alerts, total: ids.length, link: `${appUrl}${ALERTS_LINK}` });
          await mailer.queue(trx, { idempotencyKey: `alert-digest:${user.user_id}:${today}`, companyId, to: user.email, subject: email.subject, text: email.text });
          return true;
        });
        if (queued) sent += 1;
      } catch (error) {
        logger.error({ err: error, userId: user.user_id }, 'Rent alerts: a daily digest could not be sent');
      }
    }
    return sent;
  }

  function companyOf(principal: Principal): string {
    const companyId = principal.company?.id;
    if (!companyId) throw notFound('Company', 'company_not_found');
    return companyId;
  }

  async function list(principal: Principal, query: PaymentAlertListQuery): Promise<PaymentAlertList> {
    const companyId = companyOf(principal);
    const at = now();
    const [rows, company] = await Promise.all([repository.list(companyId, { status: query.status, limit: query.limit, cursor: query.cursor }, at), repository.companyOf(companyId)]);
    if (!rows) throw invalid([{ path: 'cursor', message: 'Unknown cursor: start from the first page' }]);
    const page = rows.slice(0, query.limit);
    return { items: page.map(toAlert), nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null, today: localDateIn(at, company?.timezone ?? 'America/New_York') };
  }

  /** The landlord's "Send reminder": the resident is emailed and notified, audited, once per resident per day. */
  async function sendReminder(principal: Principal, residentId: string, month: string): Promise<RentReminder> {
    const companyId = companyOf(principal);
    let resident: AnalyzedResident | undefined;
    await rentPeriods.analyzeResidents({ residentIds: [residentId] }, (batch) => {
      resident = batch.find((item) => item.residentId === residentId);
    });
    if (!resident || resident.companyId !== companyId) throw notFound('Resident', 'resident_not_found');
    const [found] = (await reachable([resident])) as [Reachable];
    const period = found.periods.find((item) => item.month === month);
    if (!period) throw invalid([{ path: 'month', message: `${monthName(month)} is not a month of this lease so far` }]);
    const owed = period.dueCents - period.receivedCents;
    if (owed <= 0) throw new AppError('conflict', 'nothing_owed', `Rent for ${monthName(month)} is paid: there is nothing to remind of`);
    if (!found.notifyEmail) throw new AppError('conflict', 'no_email', `${found.firstName} ${found.lastName} has no email address to send a reminder to`);
    const sentBefore = await repository.landlordReminderOn(residentId, found.today);
    const alreadySent = (sentAt: Date) => new AppError('conflict', 'reminder_already_sent', `A reminder was sent to ${found.firstName} ${found.lastName} today at ${localTimeIn(sentAt, found.timezone)}: send another tomorrow`, { sentAt: sentAt.toISOString() });
    if (sentBefore) throw alreadySent(sentBefore.created_at);
    const company = await repository.companyOf(companyId);
    const at = now();
    const id = await db.transaction().execute(async (trx) => {
      const reminderId = await repository.insertReminder(trx, { company_id: companyId, resident_id: residentId, month, kind: 'landlord', sent_on: found.today, sent_by: principal.userId }, at);
      if (!reminderId) return null;
      const late = period.status !== 'not_due';
      const email = landlordReminderEmail({ firstName: found.firstName, companyName: company?.name ?? 'Your landlord', month, owedCents: owed, dueDate: period.dueDate, late, link: `${appUrl}/me/payments` });
      await mailer.queue(trx, { idempotencyKey: `rent-reminder:${reminderId}`, companyId, to: found.notifyEmail as string, subject: email.subject, text: email.text });
      if (found.userId) await notifications.insert(trx, [{ userId: found.userId, kind: 'rent_reminder', title: email.subject, body: `${company?.name ?? 'Your landlord'} reminds you: ${formatDollars(owed)} of your rent for ${monthName(month)} ${late ? 'is late' : `is due on ${period.dueDate}`}.`, link: '/me/payments' }]);
      await recordAudit(trx, { actorUserId: principal.userId, companyId, action: 'rent.reminder_sent', entityType: 'resident', entityId: residentId, after: { reminderId, month, owedCents: owed } });
      return reminderId;
    });
    if (!id) {
      const other = await repository.landlordReminderOn(residentId, found.today);
      throw alreadySent(other?.created_at ?? at);
    }
    return { residentId, month, sentAt: at.toISOString(), sentTo: found.notifyEmail as string };
  }

  async function preferences(principal: Principal): Promise<AlertPreferences> {
    companyOf(principal);
    const row = await repository.preferenceOf(principal.userId);
    return { paymentAlertEmail: row?.payment_alert_email ?? 'immediate' };
  }

  /** Choosing the digest starts it from now: alerts before were emailed at once. */
  async function putPreferences(principal: Principal, value: AlertPreferences): Promise<AlertPreferences> {
    const companyId = companyOf(principal);
    const before = await repository.preferenceOf(principal.userId);
    const was = before?.payment_alert_email ?? 'immediate';
    if (was === value.paymentAlertEmail) return value;
    const at = now();
    await db.transaction().execute(async (trx) => {
      await repository.putPreference(trx, principal.userId, value.paymentAlertEmail, value.paymentAlertEmail === 'daily_digest' ? at : (before?.digest_covered_until ?? null), at);
      await recordAudit(trx, { actorUserId: principal.userId, companyId, action: 'alert_preferences.changed', entityType: 'user', entityId: principal.userId, before: { paymentAlertEmail: was }, after: { paymentAlertEmail: value.paymentAlertEmail } });
    });
    return value;
  }

  return { run, runReminders, checkResidents, returnedAlerts, digestStaffOf, runDigests, list, sendReminder, preferences, putPreferences };
}

export type RentAlertsService = ReturnType<typeof createRentAlertsService>;
