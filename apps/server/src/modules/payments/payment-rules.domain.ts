import type { PAYMENT_POLICIES } from '@rentledger/contracts';
import { formatCents } from '../onboarding/approval-warnings.domain.ts';
import { addCalendarDays, type CalendarDate } from './banking-calendar.domain.ts';

/**
 * Whether a resident may make a one-time payment: the company's policy, the amount, the date, the payment window
 * and the bank account. Each refusal names the field of the request body it is about, so the form can put the
 * message under that field.
 */

/** Integer cents -> "$1,234.56" (the onboarding domain's formatter, shared so every message writes money alike). */
export const formatDollars: (cents: number) => string = formatCents;

export type PaymentPolicy = (typeof PAYMENT_POLICIES)[number];
export type BankAccountStatus = 'validating' | 'verified' | 'locked' | 'disabled' | 'blocked';

/**
 * The smallest and largest single debit. The floor keeps the fee from outweighing the payment; the ceiling
 * bounds what a wrong amount or a stolen sign-in can take in one entry. A company may set a lower ceiling.
 */
export const PAYMENT_LIMITS = { minCents: 100, maxCents: 2_500_000 } as const;
/** How far ahead a payment may be scheduled: an authorization far in the future is easily forgotten. */
export const MAX_DAYS_AHEAD = 60;

/** Days the company takes payments: every day, or a run of days each month that may wrap, e.g. the 27th to the 3rd. */
export type PaymentWindow = { kind: 'any_day' } | { kind: 'days'; fromDay: number; toDay: number };

export type PaymentField = 'amountCents' | 'date' | 'bankAccountId' | 'residentId';
export type Refusal<Field extends string = PaymentField> = { ok: false; field: Field; code: string; message: string };
export type PaymentCheck = { ok: true } | Refusal;

function parts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st" ... */
export function ordinal(day: number): string {
  const teen = day % 100 >= 11 && day % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
  return `${day}${suffix}`;
}

/**
 * Whether payments are taken on `date`. A window day past the month's end means the month's last day (a window
 * "from the 31st" opens on February 28th), so a window never skips a month.
 */
export function isInPaymentWindow(date: CalendarDate, window: PaymentWindow): boolean {
  if (window.kind === 'any_day') return true;
  const { year, month, day } = parts(date);
  const last = daysInMonth(year, month);
  const from = Math.min(window.fromDay, last);
  const to = Math.min(window.toDay, last);
  if (window.fromDay <= window.toDay) return day >= from && day <= to;
  return day >= from || day <= to; // wraps into the next month
}

/** The first date on or after `date` inside the window (`date` itself when it is inside). */
export function nextWindowDate(date: CalendarDate, window: PaymentWindow): CalendarDate {
  let candidate = date;
  // Every month holds at least one window day, so two months of days always reach one.
  for (let step = 0; step < 62; step += 1) {
    if (isInPaymentWindow(candidate, window)) return candidate;
    candidate = addCalendarDays(candidate, 1);
  }
  throw new Error(`No date in the payment window ${JSON.stringify(window)} after ${date}`);
}

const windowDayWords = (day: number) => (day === 31 ? 'the last day' : `the ${ordinal(day)}`);

/** "any day", "from the 27th to the 3rd of the month", "on the 1st of the month", "from the 25th to the last day of the month". */
export function describePaymentWindow(window: PaymentWindow): string {
  if (window.kind === 'any_day') return 'any day';
  if (window.fromDay === window.toDay) return `on ${windowDayWords(window.fromDay)} of the month`;
  return `from ${windowDayWords(window.fromDay)} to ${windowDayWords(window.toDay)} of the month`;
}

/** Why a window cannot be saved, or null: its days are whole days of a month. */
export function paymentWindowProblem(window: PaymentWindow): string | null {
  if (window.kind === 'any_day') return null;
  const valid = (day: number) => Number.isInteger(day) && day >= 1 && day <= 31;
  return valid(window.fromDay) && valid(window.toDay) ? null : 'A payment window runs between days 1 and 31 of the month';
}

/** The largest single payment for a company: the platform's ceiling, or the company's lower one. */
export function maxPaymentCents(companyMaxCents: number | null): number {
  return companyMaxCents === null ? PAYMENT_LIMITS.maxCents : Math.min(companyMaxCents, PAYMENT_LIMITS.maxCents);
}

/** Why an amount cannot be debited, or null. Shared with autopay's fixed amount and cap. */
export function amountProblem(amountCents: number, companyMaxCents: number | null): { code: string; message: string } | null {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return { code: 'amount_invalid', message: 'Enter an amount in dollars and cents, more than $0.00' };
  if (amountCents < PAYMENT_LIMITS.minCents) return { code: 'amount_too_small', message: `The least you can pay is ${formatDollars(PAYMENT_LIMITS.minCents)}` };
  const max = maxPaymentCents(companyMaxCents);
  if (amountCents > max) return { code: 'amount_too_large', message: `The most you can pay at once is ${formatDollars(max)}` };
  return null;
}

export type PaymentInput = {
  amountCents: number;
  /** The date asked for, or null to pay now (today). */
  requestedDate: CalendarDate | null;
  /** Today in the company's time zone. */
  today: CalendarDate;
  policy: PaymentPolicy;
  /** The accounting system's own "do not accept payments" flag on the resident's record. */
  doNotAcceptPayments: boolean;
  /** What the resident owes, or null when the company does not show balances. */
  balanceCents: number | null;
  /** The company's own ceiling below the platform's, or null. */
  companyMaxCents: number | null;
  window: PaymentWindow;
  accountStatus: BankAccountStatus;
};

const refuse = <Field extends string>(field: Field, code: string, message: string): Refusal<Field> => ({ ok: false, field, code, message });

function policyRefusal(input: PaymentInput): Refusal | null {
  if (input.policy === 'blocked') return refuse('residentId', 'payments_blocked', 'Your landlord has turned off online payments for your account: contact your landlord to pay');
  if (input.doNotAcceptPayments) return refuse('residentId', 'payments_not_accepted', 'Your landlord’s records say not to accept payments from you right now: contact your landlord to pay');
  return null;
}

function fullBalanceRefusal(input: PaymentInput): Refusal | null {
  if (input.policy !== 'full_balance_only') return null;
  const balance = input.balanceCents;
  // Without a balance there is nothing to match the amount against, so the payment cannot be checked: refuse.
  if (balance === null) return refuse('residentId', 'balance_unknown', 'Your landlord takes only the full balance, and your balance is not known yet: contact your landlord to pay');
  if (balance <= 0) return refuse('amountCents', 'nothing_due', 'You have no balance to pay');
  if (input.amountCents !== balance) return refuse('amountCents', 'full_balance_required', `Your landlord takes only the full balance: pay ${formatDollars(balance)}`);
  return null;
}

function amountRefusal(input: PaymentInput): Refusal | null {
  const problem = amountProblem(input.amountCents, input.companyMaxCents);
  return problem ? refuse('amountCents', problem.code, problem.message) : null;
}

function dateRefusal(input: PaymentInput): Refusal | null {
  const date = input.requestedDate ?? input.today;
  if (date < input.today) return refuse('date', 'date_in_past', 'Choose today or a later date');
  const latest = addCalendarDays(input.today, MAX_DAYS_AHEAD);
  if (date > latest) return refuse('date', 'date_too_far', `Choose a date within ${MAX_DAYS_AHEAD} days, by ${latest}`);
  if (!isInPaymentWindow(date, input.window)) {
    const next = nextWindowDate(date, input.window);
    return refuse('date', 'date_outside_window', `Your landlord takes payments ${describePaymentWindow(input.window)}: choose a date such as ${next}`);
  }
  return null;
}

function accountRefusal(input: PaymentInput): Refusal | null {
  if (input.accountStatus === 'locked') return refuse('bankAccountId', 'account_locked', 'This bank account is locked after 3 wrong tries at the deposit amounts: contact your landlord');
  if (input.accountStatus === 'validating') return refuse('bankAccountId', 'account_not_verified', 'This bank account is not verified yet: enter the two small deposit amounts we sent to it');
  if (input.accountStatus === 'disabled') return refuse('bankAccountId', 'account_disabled', 'Your bank returned a payment from this account: remove it and enter the account again (or another one)');
  if (input.accountStatus === 'blocked') return refuse('bankAccountId', 'account_blocked', 'Your bank refused a debit from this account as not authorized: add an account and accept a new authorization, or contact your landlord');
  return null;
}

/**
 * The first reason a payment is refused, or ok. The order is the resident's: whether they may pay at all, then
 * how much, when, and from which account.
 */
export function checkPayment(input: PaymentInput): PaymentCheck {
  return policyRefusal(input) ?? fullBalanceRefusal(input) ?? amountRefusal(input) ?? dateRefusal(input) ?? accountRefusal(input) ?? { ok: true };
}

/** The amount the payment form starts with: what is owed when the company shows a positive balance, else the rent. */
export function defaultPaymentAmount(balanceCents: number | null, rentCents: number): number {
  return balanceCents !== null && balanceCents > 0 ? balanceCents : rentCents;
}
