import type { CalendarDate } from './banking-calendar.domain.ts';
import { formatDollars } from './payment-rules.domain.ts';

/**
 * Rent period analysis (issue 13, DESIGN.md section 6): for one resident and each month of their lease, whether
 * the rent was "sufficient and on time". Pure: the caller reads the lease, payments and marks paid outside, and
 * hands in `today` (the company's calendar date, so a due date passes at the company's midnight, not UTC's).
 *
 * The rules, as decided here (each has a test in rent-periods.domain.test.ts):
 *
 * - Months: from the lease start's month to the earlier of the lease end's month and today's month. A month-to-month
 *   lease (no end) runs to today's month. A lease end is the last day occupied (inclusive). A lease that has not
 *   started by today has no months yet.
 * - Due date: the due day of the month, a day past the month's end meaning its last day (31 -> Feb 28, or 29 in a
 *   leap year). Clamped into the lease: a first month whose due day comes before the lease start is due on the
 *   start day; a last month whose due day comes after the lease end is due on the end day.
 * - Amount due: rent, prorated by days occupied in a month the lease covers only in part (a start after the 1st,
 *   an end before the last day): rent x days occupied / days in the month, rounded to the cent, half up. When the
 *   company shows a balance from its accounting system for that month (`balanceDueByMonth`), that balance is the
 *   amount due instead, as the books say (not prorated); a balance of zero or less means nothing is due.
 * - Grace: the grace ends `graceDays` calendar days after the due date (it may cross into the next month). A month is
 *   `not_due` through the whole of that last day (today <= graceEndsOn); it is decided from the day after.
 * - Money: settled and processing payments count on their effective date (the day the money counts). Scheduled,
 *   cancelled and voided payments never count. A returned payment is reversed: it counts as never received once
 *   it is returned (from `returnedOn`; a returned payment without that date counts as never received at all).
 *   Money dated after `today` has not arrived yet and is left out (so evaluating an earlier `today` replays the
 *   past, e.g. a payment on time before it was returned).
 * - Attribution (FIFO, as a ledger pays the oldest balance first), applied in the order the money arrived (by
 *   date; on one day marks before payments), and no month ever holds more than it owes:
 *   a platform payment fills the earliest month still owing at that point, and what it leaves over goes on to the
 *   next (one payment can pay two months); payments before the lease's first due date so pay the first month.
 *   A mark paid outside fills the month it names first; what that month no longer owes (the platform had paid it
 *   already, say) is a credit like any other, to the earliest month still owing, and stays money paid outside there.
 *   Months with `no_data` take no money except marks naming them (the resident was not on the platform then, so a
 *   later payment pays a month of ours). Money beyond every month so far is a prepayment: it pays the next month
 *   once that month begins (`unappliedCents` says how much waits).
 * - Status of a decided month, in order:
 *   `paid_outside` the marks paid outside alone cover the amount due (whatever their date);
 *   `on_time`      the month's money (outside and platform together) added up to the amount due by the grace end,
 *                  or nothing was due;
 *   `late`         it added up to the amount due after the grace end; `daysLate` counts the days from the due date
 *                  (not from the grace end) to the day of the money that completed it;
 *   `insufficient` something received, less than due; `shortfallCents` = due - received;
 *   `unpaid`       nothing received; `shortfallCents` = due.
 * - `no_data`: a month before the resident's data starts: the month they joined the platform (first approval), or
 *   `verifiedHistoryFrom` when it is earlier (back-reporting). The month of joining itself counts. Checked before
 *   `not_due`, and never `unpaid`.
 */

/** A month "YYYY-MM". */
export type YearMonth = string;

export type RentPaymentStatus = 'scheduled' | 'processing' | 'settled' | 'cancelled' | 'voided' | 'returned';

export type RentPayment = {
  amountCents: number;
  status: RentPaymentStatus;
  /** The day the money counts: for processing and settled payments, the effective entry date. */
  effectiveDate: CalendarDate | null;
  /** The day the bank returned it (status `returned`). */
  returnedOn?: CalendarDate | null;
};

export type PaidOutsideMark = { month: YearMonth; amountCents: number; paidOn: CalendarDate };

export type RentPeriodsInput = {
  leaseStart: CalendarDate;
  /** Null for month-to-month. The last day occupied. */
  leaseEnd: CalendarDate | null;
  rentCents: number;
  /** 1 to 31; a day past a month's end means its last day. */
  dueDay: number;
  graceDays: number;
  /** The day the resident joined the platform (first approval). */
  joinedOn: CalendarDate;
  /** The company's calendar date today. */
  today: CalendarDate;
  /** The accounting system's balance due per month, when the company shows one: due instead of rent. */
  balanceDueByMonth?: ReadonlyMap<YearMonth, number>;
  payments: readonly RentPayment[];
  paidOutside: readonly PaidOutsideMark[];
  /** Back-reporting: verified history brought in from this month counts even before joining. */
  verifiedHistoryFrom?: YearMonth | null;
};

export const RENT_PERIOD_STATUSES = ['on_time', 'late', 'insufficient', 'unpaid', 'paid_outside', 'not_due', 'no_data'] as const;
export type RentPeriodStatus = (typeof RENT_PERIOD_STATUSES)[number];

export type RentPeriod = {
  month: YearMonth;
  dueCents: number;
  dueDate: CalendarDate;
  graceEndsOn: CalendarDate;
  /** The money applied to the month so far, platform and paid outside (never more than `dueCents`, see attribution). */
  receivedCents: number;
  /** The part of it dated by the grace end (`dueCents` in full for every `on_time` month). */
  receivedOnTimeCents: number;
  status: RentPeriodStatus;
  /** For `late` only. */
  daysLate: number | null;
  /** For `insufficient` and `unpaid` only. */
  shortfallCents: number | null;
  /** The part of `receivedCents` paid outside the platform. */
  paidOutsideCents: number;
};

// ---- calendar helpers (UTC arithmetic on calendar dates, no time zone involved) ----

function monthOf(date: CalendarDate): YearMonth {
  return date.slice(0, 7);
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(month: YearMonth): number {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return index === 1 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[index] as number);
}

function dateIn(month: YearMonth, day: number): CalendarDate {
  return `${month}-${String(day).padStart(2, '0')}`;
}

function nextMonth(month: YearMonth): YearMonth {
  const year = Number(month.slice(0, 4));
  const number = Number(month.slice(5, 7));
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/**
 * `days` (0 or more) after `date`, by month lengths: the same answer as `addCalendarDays`, without building a Date
 * (the analysis runs for every resident and month, and this is its one date step per month).
 */
export function daysAfter(date: CalendarDate, days: number): CalendarDate {
  let month = monthOf(date);
  let day = Number(date.slice(8, 10)) + days;
  while (day > daysInMonth(month)) {
    day -= daysInMonth(month);
    month = nextMonth(month);
  }
  return dateIn(month, day);
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const laterOf = (a: CalendarDate, b: CalendarDate): CalendarDate => (a > b ? a : b);
const earlierOf = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b);

// ---- the months of a lease and what each owes ----

/** The due day in a month: a day past its end means its last day. */
export function dueDateIn(month: YearMonth, dueDay: number): CalendarDate {
  return dateIn(month, Math.min(dueDay, daysInMonth(month)));
}

/** `cents` x `part` / `whole`, rounded to the cent, half up (integers only, no floating point drift). */
export function prorate(cents: number, part: number, whole: number): number {
  return Math.floor((2 * cents * part + whole) / (2 * whole));
}

/** Each month from the lease start's to the earlier of the lease end's and today's; none before the lease starts. */
export function leaseMonths(leaseStart: CalendarDate, leaseEnd: CalendarDate | null, today: CalendarDate): YearMonth[] {
  const last = monthOf(leaseEnd === null ? today : earlierOf(leaseEnd, today));
  const months: YearMonth[] = [];
  if (leaseStart > today || (leaseEnd !== null && leaseEnd < leaseStart)) return months;
  for (let month = monthOf(leaseStart); month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

/** The days of `month` the lease covers, inclusive of its start and end. */
function daysOccupied(month: YearMonth, leaseStart: CalendarDate, leaseEnd: CalendarDate | null): number {
  const dayOf = (date: CalendarDate) => Number(date.slice(8, 10));
  const first = monthOf(leaseStart) === month ? dayOf(leaseStart) : 1;
  const last = leaseEnd !== null && monthOf(leaseEnd) === month ? dayOf(leaseEnd) : daysInMonth(month);
  return last - first + 1;
}

type MonthTerms = { month: YearMonth; dueCents: number; dueDate: CalendarDate; graceEndsOn: CalendarDate };

function termsFor(month: YearMonth, input: RentPeriodsInput): MonthTerms {
  let dueDate = laterOf(dueDateIn(month, input.dueDay), input.leaseStart);
  if (input.leaseEnd !== null) dueDate = earlierOf(dueDate, input.leaseEnd);
  const balance = input.balanceDueByMonth?.get(month);
  const dueCents = balance !== undefined
    ? Math.max(0, balance)
    : prorate(input.rentCents, daysOccupied(month, input.leaseStart, input.leaseEnd), daysInMonth(month));
  return { month, dueCents, dueDate, graceEndsOn: daysAfter(dueDate, input.graceDays) };
}

/** The first month with a status of ours: joining, or verified history when that starts earlier. */
function dataStartsIn(input: RentPeriodsInput): YearMonth {
  const joined = monthOf(input.joinedOn);
  return input.verifiedHistoryFrom && input.verifiedHistoryFrom < joined ? input.verifiedHistoryFrom : joined;
}

// ---- money ----

type Money = { cents: number; on: CalendarDate };

/** Whether a payment's money counts as received by `today` (see the rules at the top). */
export function countsAsReceived(payment: RentPayment, today: CalendarDate): boolean {
  if (payment.effectiveDate === null || payment.effectiveDate > today) return false;
  if (payment.status === 'settled' || payment.status === 'processing') return true;
  if (payment.status === 'returned') return payment.returnedOn != null && payment.returnedOn > today;
  return false;
}

/** Money as it arrives: a mark paid outside names its month, a platform payment does not. */
type Credit = Money & { kind: 'outside' | 'platform'; forMonth: YearMonth | null };

const byDate = (a: Money, b: Money): number => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);

/** By date; on one day marks first (a stable sort keeps the order they are listed in). */
function creditsInDateOrder(input: RentPeriodsInput): Credit[] {
  const marks = input.paidOutside
    .filter((mark) => mark.paidOn <= input.today && mark.amountCents > 0)
    .map((mark): Credit => ({ cents: mark.amountCents, on: mark.paidOn, kind: 'outside', forMonth: mark.month }));
  const payments = input.payments
    .filter((payment) => countsAsReceived(payment, input.today) && payment.amountCents > 0)
    .map((payment): Credit => ({ cents: payment.amountCents, on: payment.effectiveDate as CalendarDate, kind: 'platform', forMonth: null }));
  return [...marks, ...payments].sort(byDate);
}

type MonthLedger = MonthTerms & { counted: boolean; outside: Money[]; platform: Money[]; appliedCents: number };

const total = (money: readonly Money[]): number => money.reduce((sum, item) => sum + item.cents, 0);

/** What the month still owes after what it has been given so far. */
const owing = (ledger: MonthLedger): number => Math.max(0, ledger.dueCents - ledger.appliedCents);

function give(ledger: MonthLedger, credit: Credit, cents: number): number {
  const take = Math.min(cents, owing(ledger));
  if (take === 0) return 0;
  ledger[credit.kind].push({ cents: take, on: credit.on });
  ledger.appliedCents += take;
  return take;
}

/**
 * One credit into the months still owing, never beyond what each owes: its named month first, then every counted
 * month from the earliest. Returns what no month took.
 */
function applyCredit(ledgers: readonly MonthLedger[], credit: Credit): number {
  const named = credit.forMonth === null ? undefined : ledgers.find((ledger) => ledger.month === credit.forMonth);
  let left = credit.cents - (named ? give(named, credit, credit.cents) : 0);
  for (const ledger of ledgers) {
    if (left === 0) break;
    if (ledger.counted && ledger !== named) left -= give(ledger, credit, left);
  }
  return left;
}

function ledgersFor(input: RentPeriodsInput): { ledgers: MonthLedger[]; unappliedCents: number } {
  const dataStart = dataStartsIn(input);
  const ledgers: MonthLedger[] = leaseMonths(input.leaseStart, input.leaseEnd, input.today).map((month) => ({
    ...termsFor(month, input),
    counted: month >= dataStart,
    outside: [],
    platform: [],
    appliedCents: 0,
  }));
  const unappliedCents = creditsInDateOrder(input).reduce((sum, credit) => sum + applyCredit(ledgers, credit), 0);
  return { ledgers, unappliedCents };
}

/** The day the month's money first added up to `dueCents` (no month holds more, so: its last money's day). */
function coveredOn(money: readonly Money[], dueCents: number): CalendarDate | null {
  let sum = 0;
  for (const item of [...money].sort(byDate)) {
    sum += item.cents;
    if (sum >= dueCents) return item.on;
  }
  return null;
}

// ---- status ----

type Verdict = Pick<RentPeriod, 'status' | 'daysLate' | 'shortfallCents'>;

const verdict = (status: RentPeriodStatus, daysLate: number | null = null, shortfallCents: number | null = null): Verdict => ({ status, daysLate, shortfallCents });

function decide(ledger: MonthLedger, today: CalendarDate): Verdict {
  if (!ledger.counted) return verdict('no_data');
  if (today <= ledger.graceEndsOn) return verdict('not_due');
  if (ledger.dueCents === 0) return verdict('on_time');
  const outsideCents = total(ledger.outside);
  if (outsideCents >= ledger.dueCents) return verdict('paid_outside');
  const money = [...ledger.outside, ...ledger.platform];
  const receivedCents = total(money);
  if (receivedCents === 0) return verdict('unpaid', null, ledger.dueCents);
  const fullyPaidOn = coveredOn(money, ledger.dueCents);
  if (fullyPaidOn === null) return verdict('insufficient', null, ledger.dueCents - receivedCents);
  if (fullyPaidOn <= ledger.graceEndsOn) return verdict('on_time');
  return verdict('late', daysBetween(ledger.dueDate, fullyPaidOn));
}

function toPeriod(ledger: MonthLedger, today: CalendarDate): RentPeriod {
  const money = [...ledger.outside, ...ledger.platform];
  return {
    month: ledger.month,
    dueCents: ledger.dueCents,
    dueDate: ledger.dueDate,
    graceEndsOn: ledger.graceEndsOn,
    receivedCents: total(money),
    receivedOnTimeCents: total(money.filter((item) => item.on <= ledger.graceEndsOn)),
    ...decide(ledger, today),
    paidOutsideCents: total(ledger.outside),
  };
}

function checkInput(input: RentPeriodsInput): void {
  const whole = (value: number, min: number, max = Number.MAX_SAFE_INTEGER) => Number.isInteger(value) && value >= min && value <= max;
  if (!whole(input.dueDay, 1, 31)) throw new Error(`A due day is 1 to 31, not ${input.dueDay}`);
  if (!whole(input.graceDays, 0)) throw new Error(`Grace days are a whole number from 0, not ${input.graceDays}`);
  if (!whole(input.rentCents, 0)) throw new Error(`Rent is whole cents from 0, not ${input.rentCents}`);
}

/** Each month of the lease so far, with what was due, what was received and its status. */
export function analyzeRentPeriods(input: RentPeriodsInput): RentPeriod[] {
  checkInput(input);
  return ledgersFor(input).ledgers.map((ledger) => toPeriod(ledger, input.today));
}

/** Money received beyond every month so far (a prepayment): it pays the next month once that month begins. */
export function unappliedCents(input: RentPeriodsInput): number {
  checkInput(input);
  return ledgersFor(input).unappliedCents;
}

// ---- rates and summaries ----

const isDecided = (period: RentPeriod): boolean => period.status !== 'not_due' && period.status !== 'no_data';
const isSufficientAndOnTime = (period: RentPeriod): boolean => period.status === 'on_time' || period.status === 'paid_outside';

/** The share (0 to 1) of decided months that were on time or paid outside; null when no month is decided yet. */
export function onTimeRate(periods: readonly RentPeriod[]): number | null {
  const decided = periods.filter(isDecided);
  return decided.length === 0 ? null : decided.filter(isSufficientAndOnTime).length / decided.length;
}

export type RentPeriodsSummary = {
  months: number;
  byStatus: Record<RentPeriodStatus, number>;
  decidedMonths: number;
  onTimeMonths: number;
  onTimeRate: number | null;
  /** Over decided months. */
  dueCents: number;
  receivedCents: number;
  shortfallCents: number;
  /** The most days late of any month; null when no month was late. */
  mostDaysLate: number | null;
};

export function summarize(periods: readonly RentPeriod[]): RentPeriodsSummary {
  const byStatus = Object.fromEntries(RENT_PERIOD_STATUSES.map((status) => [status, 0])) as Record<RentPeriodStatus, number>;
  for (const period of periods) byStatus[period.status] += 1;
  const decided = periods.filter(isDecided);
  const lateDays = periods.flatMap((period) => (period.daysLate === null ? [] : [period.daysLate]));
  return {
    months: periods.length,
    byStatus,
    decidedMonths: decided.length,
    onTimeMonths: decided.filter(isSufficientAndOnTime).length,
    onTimeRate: onTimeRate(periods),
    dueCents: decided.reduce((sum, period) => sum + period.dueCents, 0),
    receivedCents: decided.reduce((sum, period) => sum + period.receivedCents, 0),
    shortfallCents: decided.reduce((sum, period) => sum + (period.shortfallCents ?? 0), 0),
    mostDaysLate: lateDays.length === 0 ? null : Math.max(...lateDays),
  };
}

/** A month's status in plain words, for alerts and the resident's history ("Late by 4 days", "$120.00 short"). */
export function describeRentPeriod(period: RentPeriod): string {
  switch (period.status) {
    case 'on_time': return 'Paid on time';
    case 'late': return `Late by ${period.daysLate} day${period.daysLate === 1 ? '' : 's'}`;
    case 'insufficient': return `${formatDollars(period.shortfallCents ?? 0)} short`;
    case 'unpaid': return `Unpaid (${formatDollars(period.shortfallCents ?? 0)} due)`;
    case 'paid_outside': return 'Paid outside the platform';
    case 'not_due': return `Due ${period.dueDate}`;
    case 'no_data': return 'Before joining the platform';
  }
}
