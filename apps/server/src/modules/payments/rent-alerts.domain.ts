import type { CalendarDate } from './banking-calendar.domain.ts';
import { addCalendarDays } from './banking-calendar.domain.ts';
import { formatDollars } from './payment-rules.domain.ts';
import { daysBetween, type RentPeriod } from './rent-periods.domain.ts';

/**
 * Rent alerts (issue 13), the pure rules: which months raise an `overdue` alert, when an open alert is resolved,
 * when a resident is reminded before the due date, and the words the alerts are told in.
 *
 * - Overdue: a month the analysis has decided (the day after the due date plus grace, in the company's time
 *   zone) as `unpaid` or `insufficient`. Only months whose grace ended within `OVERDUE_WINDOW_DAYS` raise one:
 *   older months are history (the rent history shows them), not news, so turning alerts on for a company with
 *   years of lease behind it does not flood its staff.
 * - Overdue, not for a month the resident had not joined by its grace end: someone approved on the 20th is not
 *   late for that month's rent due on the 1st (`joinedOn`, the day of first approval, company time).
 * - Overdue, not twice for one debt: a month with an open `returned` alert of the same resident raises no
 *   `overdue` alert while that alert is open (the return already told the staff and the resident; see below for
 *   the month a returned alert names). Once the returned alert is resolved, a month still short raises its own.
 * - Resolved, overdue: the alert's month is covered (`on_time`, `late`, `paid_outside`, or not decided yet but
 *   fully received), or the month is no longer one of the lease's (the lease was cut short before it: nothing is
 *   owed for it, `lease_ended`). The end of a lease does not resolve it: a finished resident still owes the
 *   month, and the landlord still has to collect it (the item stays until paid or marked paid outside).
 * - Resolved, returned: by money arriving after the return, whatever month it is for: the resident's payments
 *   made (created) after the return that are now processing or settled, and marks paid outside entered after
 *   it, together at least the returned amount (`returnedResolution`). The month the debit was scheduled in does
 *   not decide it: a payment on the 28th for next month's rent, or one debited on the 1st after the last
 *   banking day's cut-off, is returned in a month the analysis may have paid by other money (or not begun).
 *   The month a returned alert names (for the list and "Send reminder") is the earliest month of the lease
 *   still owing when the job last looked (`returnedMonth`), else the month it was debited in, never later than
 *   the company's current month.
 * - Not resolved by the lease ending, either: only payment or a mark clears an item. A deleted resident's, or one
 *   no longer approved (rejected, removed), resolve as `lease_ended`.
 * - Reminder before the due date: from `REMINDER_DAYS_BEFORE` days before the due date through the due date
 *   itself, while something of the month is still owed. The analysis knows a month from its first day, so the
 *   caller hands in the months as the analysis will see them `REMINDER_DAYS_BEFORE` days from now (a due date on
 *   the 1st is reminded on the 29th or so of the month before). Whether a payment is scheduled or autopay is on is
 *   the caller's question (it needs the database).
 */

export const OVERDUE_WINDOW_DAYS = 60;
export const REMINDER_DAYS_BEFORE = 3;
/** How far ahead the reminders' analysis runs (`REMINDER_DAYS_BEFORE` days). */
export const REMINDER_LOOKAHEAD_MS = REMINDER_DAYS_BEFORE * 86_400_000;
/** The hour (company time) the daily digest goes out. */
export const DIGEST_HOUR = 8;

export type AlertResolution = 'paid' | 'paid_outside' | 'lease_ended';

/**
 * The months to raise an overdue alert for: decided unpaid or short, grace ended within the window, and not
 * before the resident joined (`joinedOn`: a grace end before it is not theirs to have missed). `returnedMonths`:
 * months with an open returned alert, which stand for the same debt.
 */
export function overdueMonths(periods: readonly RentPeriod[], today: CalendarDate, joinedOn: CalendarDate | null = null, returnedMonths: ReadonlySet<string> = new Set(), windowDays = OVERDUE_WINDOW_DAYS): RentPeriod[] {
  return periods.filter(
    (period) => (period.status === 'unpaid' || period.status === 'insufficient') && daysBetween(period.graceEndsOn, today) <= windowDays && (joinedOn === null || period.graceEndsOn >= joinedOn) && !returnedMonths.has(period.month),
  );
}

/**
 * Whether an open overdue alert for `month` is resolved now, and why; null while it still needs attention. A
 * finished resident's months are judged like anyone's (see the header: the lease ending clears nothing).
 */
export function resolutionOf(month: string, residentStatus: string, periods: readonly RentPeriod[]): AlertResolution | null {
  if (residentStatus !== 'approved' && residentStatus !== 'current' && residentStatus !== 'finished') return 'lease_ended';
  const period = periods.find((item) => item.month === month);
  if (!period) {
    const last = periods[periods.length - 1];
    // A month after the last one analysed is still to come; one before the first, or a lease with no months, is
    // not part of the lease any more (nothing is owed for it).
    return last && month > last.month ? null : 'lease_ended';
  }
  if (period.status === 'paid_outside') return 'paid_outside';
  if (period.status === 'on_time' || period.status === 'late') return period.paidOutsideCents >= period.dueCents ? 'paid_outside' : 'paid';
  if (period.status === 'not_due' && period.receivedCents >= period.dueCents) return period.paidOutsideCents > 0 && period.paidOutsideCents >= period.receivedCents ? 'paid_outside' : 'paid';
  return null;
}

/** Money that arrived after a return: what `returnedResolution` weighs against the returned amount. */
export type MoneyAfterReturn = { paymentsCents: number; paidOutsideCents: number };

/**
 * Whether an open returned alert is resolved: money arrived after the return (payments made since, now
 * processing or settled, and marks paid outside entered since) of at least the returned amount. `paid_outside`
 * when the marks alone cover it. A resident no longer approved (not finished either) or deleted: `lease_ended`.
 */
export function returnedResolution(returnedCents: number, after: MoneyAfterReturn, residentStatus: string): AlertResolution | null {
  if (residentStatus !== 'approved' && residentStatus !== 'current' && residentStatus !== 'finished') return 'lease_ended';
  if (after.paidOutsideCents >= returnedCents) return 'paid_outside';
  if (after.paymentsCents + after.paidOutsideCents >= returnedCents) return 'paid';
  return null;
}

/**
 * The month a returned alert names: the earliest month of the lease still owing (decided or not), else the month
 * it was debited in; never after the company's current month (`today`), so "Send reminder" can name it.
 */
export function returnedMonth(debitedMonth: string, periods: readonly RentPeriod[], today: CalendarDate): string {
  const owing = periods.find((period) => period.status !== 'no_data' && period.dueCents - period.receivedCents > 0);
  const month = owing?.month ?? debitedMonth;
  const current = today.slice(0, 7);
  return month > current ? current : month;
}

/** Reminders reach residents in the daytime only: from 08:00 to before 20:00 in the company's time zone. */
export const REMINDER_HOURS = { from: 8, until: 20 } as const;

export function reminderHour(localHour: number): boolean {
  return localHour >= REMINDER_HOURS.from && localHour < REMINDER_HOURS.until;
}

/** How many alerts a digest email lists by name; the rest are counted ("and 12 more"). */
export const DIGEST_LISTED = 50;

/**
 * The month to remind the resident of today, if any (see the rules above): `periods` as analysed up to
 * `daysBefore` days after `today`, so a month beginning within them is known.
 */
export function monthToRemind(periods: readonly RentPeriod[], today: CalendarDate, daysBefore = REMINDER_DAYS_BEFORE): RentPeriod | null {
  const last = addCalendarDays(today, daysBefore);
  return periods.find((period) => period.dueDate >= today && period.dueDate <= last && period.dueCents - period.receivedCents > 0 && period.status !== 'no_data') ?? null;
}

/** Whether the daily digest is due for a user: 08:00 or later on a company-local day not yet sent. */
export function digestDue(localHour: number, today: CalendarDate, lastDigestOn: CalendarDate | null): boolean {
  return localHour >= DIGEST_HOUR && lastDigestOn !== today;
}

/** "December 2026". */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
}

export type AlertFacts = {
  kind: 'overdue' | 'returned';
  month: string;
  amountCents: number;
  dueCents: number | null;
  receivedCents: number | null;
  shortfallCents: number | null;
  daysPastGrace: number | null;
  returnCode: string | null;
  returnReason: string | null;
};

/** What is wrong, in words: "Returned: R01 insufficient funds", "Unpaid, 5 days past grace", "Short $120.00". */
export function describeAlert(alert: AlertFacts): string {
  if (alert.kind === 'returned') return `Returned: ${alert.returnReason ?? alert.returnCode ?? 'by the bank'}`;
  const days = alert.daysPastGrace !== null && alert.daysPastGrace > 0 ? `, ${alert.daysPastGrace} ${alert.daysPastGrace === 1 ? 'day' : 'days'} past grace` : '';
  if ((alert.receivedCents ?? 0) > 0) return `Short ${formatDollars(alert.shortfallCents ?? alert.amountCents)}${days}`;
  return `Unpaid${days}`;
}

/** The resident's notice: "Your rent for December 2026 is late" / "is short by $120.00". */
export function residentNotice(period: Pick<RentPeriod, 'month' | 'dueCents' | 'dueDate' | 'receivedCents' | 'shortfallCents' | 'status'>): { subject: string; text: string } {
  const month = monthName(period.month);
  if (period.status === 'insufficient') {
    const short = formatDollars(period.shortfallCents ?? period.dueCents - period.receivedCents);
    return { subject: `Your rent for ${month} is short by ${short}`, text: `Your rent for ${month} is short by ${short}: ${formatDollars(period.dueCents)} was due on ${period.dueDate} and ${formatDollars(period.receivedCents)} has arrived. Pay the rest in RentLedger, or talk to your landlord.` };
  }
  return { subject: `Your rent for ${month} is late`, text: `Your rent for ${month} is late: ${formatDollars(period.dueCents)} was due on ${period.dueDate} and no payment has arrived. Pay it in RentLedger, or talk to your landlord.` };
}
