import { addCalendarDays, type CalendarDate } from './banking-calendar.domain.ts';
import { amountProblem, describePaymentWindow, formatDollars, isInPaymentWindow, ordinal, PAYMENT_LIMITS, type PaymentWindow, type Refusal } from './payment-rules.domain.ts';

/**
 * Autopay: a monthly debit of a fixed amount, or of the balance up to a cap the resident chose. Over the cap the
 * month is skipped (and the resident told), never debited in part: a surprising balance is a question for the
 * landlord, not something to take from the resident's account.
 */

export type AutopayKind = 'fixed' | 'balance';

export type AutopaySettings = {
  /** 1 to 28: every month has those days, so a plan never slides to another day. */
  dayOfMonth: number;
  kind: AutopayKind;
  /** The fixed amount (kind `fixed`). */
  amountCents?: number | null;
  /** The most a balance debit may take (kind `balance`). */
  capCents?: number | null;
};

export type AutopayField = 'dayOfMonth' | 'kind' | 'amountCents' | 'capCents';
export type AutopaySettingsCheck = { ok: true } | Refusal<AutopayField>;

export const LAST_AUTOPAY_DAY = 28;
/** The reminder goes out this many calendar days before the debit, time enough to change or pause the plan. */
export const REMINDER_DAYS_BEFORE = 3;

/** A balance plan needs a balance to read: a company that shows none offers fixed amounts only. */
export function autopayKindsFor(showsBalance: boolean): AutopayKind[] {
  return showsBalance ? ['fixed', 'balance'] : ['fixed'];
}

const refuse = (field: AutopayField, code: string, message: string): Refusal<AutopayField> => ({ ok: false, field, code, message });

function dayRefusal(dayOfMonth: number): Refusal<AutopayField> | null {
  if (Number.isInteger(dayOfMonth) && dayOfMonth >= 1 && dayOfMonth <= LAST_AUTOPAY_DAY) return null;
  return refuse('dayOfMonth', 'day_invalid', `Choose a day from the 1st to the ${ordinal(LAST_AUTOPAY_DAY)}: every month has those`);
}

/** One month of each length (28, 29, 30, 31 days): a window's clamped days differ only by month length. */
const MONTHS_OF_EVERY_LENGTH = ['2027-02', '2028-02', '2027-04', '2027-01'];

/** A plan's day must be a payment day every month, or its debit would be refused in some months. */
function windowRefusal(dayOfMonth: number, window: PaymentWindow): Refusal<AutopayField> | null {
  const day = String(dayOfMonth).padStart(2, '0');
  if (MONTHS_OF_EVERY_LENGTH.every((month) => isInPaymentWindow(`${month}-${day}`, window))) return null;
  return refuse('dayOfMonth', 'day_outside_window', `Your landlord takes payments ${describePaymentWindow(window)}: choose a day inside that every month`);
}

function kindRefusal(kind: AutopayKind, showsBalance: boolean): Refusal<AutopayField> | null {
  if (autopayKindsFor(showsBalance).includes(kind)) return null;
  if (kind === 'balance') return refuse('kind', 'balance_not_shown', 'Your landlord does not show your balance, so autopay can pay only a fixed amount');
  return refuse('kind', 'kind_invalid', 'Choose a fixed amount or your balance');
}

const MISSING_MONEY = {
  amountCents: { code: 'amount_required', message: 'Enter the amount to pay each month' },
  capCents: { code: 'cap_required', message: 'Enter the most autopay may take in a month' },
} as const;

function moneyRefusal(field: 'amountCents' | 'capCents', cents: number | null | undefined, companyMaxCents: number | null): Refusal<AutopayField> | null {
  if (cents === null || cents === undefined) return refuse(field, MISSING_MONEY[field].code, MISSING_MONEY[field].message);
  const problem = amountProblem(cents, companyMaxCents);
  return problem ? refuse(field, problem.code, problem.message) : null;
}

export type AutopayCompany = {
  showsBalance: boolean;
  /** The company's own ceiling below the platform's, or null. */
  companyMaxCents: number | null;
  window: PaymentWindow;
};

/**
 * Whether a plan can be saved. Its day is inside the company's payment window every month. A balance plan always
 * has a cap (so a wrong balance never empties the account), and the cap is a payment the rules would take; the
 * money field that does not apply to the kind is ignored.
 */
export function checkAutopaySettings(settings: AutopaySettings, company: AutopayCompany): AutopaySettingsCheck {
  const money = settings.kind === 'fixed' ? moneyRefusal('amountCents', settings.amountCents, company.companyMaxCents) : moneyRefusal('capCents', settings.capCents, company.companyMaxCents);
  const day = dayRefusal(settings.dayOfMonth) ?? windowRefusal(settings.dayOfMonth, company.window);
  return day ?? kindRefusal(settings.kind, company.showsBalance) ?? money ?? { ok: true };
}

/** The next debit date on the plan's day: today when today is that day, else this month's or next month's. */
export function nextAutopayDate(today: CalendarDate, dayOfMonth: number): CalendarDate {
  if (dayRefusal(dayOfMonth)) throw new Error(`An autopay day is 1 to ${LAST_AUTOPAY_DAY}, not ${dayOfMonth}`);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const day = Number(today.slice(8, 10));
  const [debitYear, debitMonth] = day <= dayOfMonth ? [year, month] : month === 12 ? [year + 1, 1] : [year, month + 1];
  return `${debitYear}-${String(debitMonth).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

export type AutopaySkipReason = 'over_cap' | 'nothing_due' | 'balance_unknown' | 'below_minimum';
export type AutopayDecision = { action: 'pay'; amountCents: number } | { action: 'skip'; reason: AutopaySkipReason; message: string };

export type AutopayPlanFacts = {
  kind: AutopayKind;
  amountCents: number | null;
  capCents: number | null;
  /** What the resident owes on the debit's day, or null when the company shows no balance. */
  balanceCents: number | null;
};

/**
 * What this month's run does. A fixed plan pays its amount whatever the balance reads (rent may post after the
 * run). A balance plan pays the balance, or skips the month with the reason the resident is emailed.
 */
export function autopayDecision(plan: AutopayPlanFacts): AutopayDecision {
  if (plan.kind === 'fixed') {
    if (plan.amountCents === null) throw new Error('A fixed autopay plan without an amount');
    return { action: 'pay', amountCents: plan.amountCents };
  }
  const balance = plan.balanceCents;
  const minCents = PAYMENT_LIMITS.minCents;
  // Refused at set-up; a company may stop showing balances later, and then there is nothing to read.
  if (balance === null) return { action: 'skip', reason: 'balance_unknown', message: 'Autopay did not run this month: your balance is not known. Pay from the Payments page, or switch autopay to a fixed amount' };
  if (balance <= 0) return { action: 'skip', reason: 'nothing_due', message: 'Autopay did not run this month: you have no balance to pay' };
  if (balance < minCents) return { action: 'skip', reason: 'below_minimum', message: `Autopay did not run this month: your balance of ${formatDollars(balance)} is under the ${formatDollars(minCents)} a payment needs` };
  if (plan.capCents === null) throw new Error('A balance autopay plan without a cap');
  if (balance > plan.capCents) {
    return { action: 'skip', reason: 'over_cap', message: `Autopay did not run this month: your balance of ${formatDollars(balance)} is over your autopay limit of ${formatDollars(plan.capCents)}. Pay it from the Payments page, or raise your limit` };
  }
  return { action: 'pay', amountCents: balance };
}

/** When the resident is reminded of a coming debit: three calendar days before it. */
export function reminderDate(debitDate: CalendarDate): CalendarDate {
  return addCalendarDays(debitDate, -REMINDER_DAYS_BEFORE);
}
