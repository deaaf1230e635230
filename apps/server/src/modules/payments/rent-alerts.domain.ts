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
 * - Resolved: the alert's month is covered (`on_time`, `late`, `paid_outside`, or not decided yet but fully
 *   received), or the resident is no longer approved or current (`finished`: the lease ended, they left), or the
 *   month is no longer one of the lease's (the lease was cut short before it). A returned payment's alert names the
 *   month the payment was debited in; it is resolved the same way.
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

export function overdueMonths(periods: readonly RentPeriod[], today: CalendarDate, windowDays = OVERDUE_WINDOW_DAYS): RentPeriod[] {
  return periods.filter((period) => (period.status === 'unpaid' || period.status === 'insufficient') && daysBetween(period.graceEndsOn, today) <= windowDays);
}

/** Whether an open alert for `month` is resolved now, and why; null while it still needs attention. */
export function resolutionOf(month: string, residentStatus: string, periods: readonly RentPeriod[]): AlertResolution | null {
  if (residentStatus !== 'approved' && residentStatus !== 'current') return 'lease_ended';
  const period = periods.find((item) => item.month === month);
  if (!period) {
    const last = periods[periods.length - 1];
    // A month after the last one analysed is still to come (a returned payment debited ahead); one before the
    // first, or a lease with no months, is not part of the lease any more.
    return last && month > last.month ? null : 'lease_ended';
  }
  if (period.status === 'paid_outside') return 'paid_outside';
  if (period.status === 'on_time' || period.status === 'late') return period.paidOutsideCents >= period.dueCents ? 'paid_outside' : 'paid';
  if (period.status === 'not_due' && period.receivedCents >= period.dueCents) return period.paidOutsideCents > 0 && period.paidOutsideCents >= period.receivedCents ? 'paid_outside' : 'paid';
  return null;
}

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
