import { describe, expect, it } from 'vitest';
import {
  amountProblem,
  checkPayment,
  defaultPaymentAmount,
  describePaymentWindow,
  formatDollars,
  isInPaymentWindow,
  maxPaymentCents,
  nextWindowDate,
  ordinal,
  type PaymentInput,
  type PaymentWindow,
  paymentWindowProblem,
} from './payment-rules.domain.ts';

const lateMonth: PaymentWindow = { kind: 'days', fromDay: 27, toDay: 3 };

describe('money in words', () => {
  it('formats cents as dollars with thousands separators', () => {
    expect(formatDollars(123456)).toBe('$1,234.56');
    expect(formatDollars(2_500_000)).toBe('$25,000.00');
    expect(formatDollars(100)).toBe('$1.00');
    expect(formatDollars(5)).toBe('$0.05');
    expect(formatDollars(0)).toBe('$0.00');
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28, 31].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '28th', '31st']);
  });
});

describe('payment window', () => {
  it('takes every day when any day', () => {
    expect(isInPaymentWindow('2026-12-15', { kind: 'any_day' })).toBe(true);
    expect(nextWindowDate('2026-12-15', { kind: 'any_day' })).toBe('2026-12-15');
  });

  it('wraps across the month’s end, both ends included', () => {
    expect(isInPaymentWindow('2026-12-26', lateMonth)).toBe(false);
    expect(isInPaymentWindow('2026-12-27', lateMonth)).toBe(true);
    expect(isInPaymentWindow('2026-12-31', lateMonth)).toBe(true);
    expect(isInPaymentWindow('2027-01-01', lateMonth)).toBe(true);
    expect(isInPaymentWindow('2027-01-03', lateMonth)).toBe(true);
    expect(isInPaymentWindow('2027-01-04', lateMonth)).toBe(false);
    expect(isInPaymentWindow('2026-12-15', lateMonth)).toBe(false);
  });

  it('runs inside one month when it does not wrap', () => {
    const early: PaymentWindow = { kind: 'days', fromDay: 1, toDay: 5 };
    expect(isInPaymentWindow('2026-12-01', early)).toBe(true);
    expect(isInPaymentWindow('2026-12-05', early)).toBe(true);
    expect(isInPaymentWindow('2026-12-06', early)).toBe(false);
    expect(isInPaymentWindow('2026-11-30', early)).toBe(false);
  });

  it('reads day 31 (and 29, 30) as the last day of a shorter month', () => {
    const fromLast: PaymentWindow = { kind: 'days', fromDay: 31, toDay: 3 };
    expect(isInPaymentWindow('2027-02-28', fromLast)).toBe(true);
    expect(isInPaymentWindow('2027-02-27', fromLast)).toBe(false);
    expect(isInPaymentWindow('2026-04-30', fromLast)).toBe(true);
    expect(isInPaymentWindow('2026-05-30', fromLast)).toBe(false);
    expect(isInPaymentWindow('2026-05-31', fromLast)).toBe(true);
    const toLast: PaymentWindow = { kind: 'days', fromDay: 25, toDay: 31 };
    expect(isInPaymentWindow('2028-02-29', toLast)).toBe(true);
    expect(isInPaymentWindow('2027-02-28', toLast)).toBe(true);
    expect(isInPaymentWindow('2027-03-01', toLast)).toBe(false);
    const only30th: PaymentWindow = { kind: 'days', fromDay: 30, toDay: 30 };
    expect(isInPaymentWindow('2027-02-28', only30th)).toBe(true);
    expect(isInPaymentWindow('2028-02-29', only30th)).toBe(true);
    expect(isInPaymentWindow('2028-02-28', only30th)).toBe(false);
  });

  it('finds the next date inside the window, on or after the date', () => {
    expect(nextWindowDate('2026-12-27', lateMonth)).toBe('2026-12-27');
    expect(nextWindowDate('2026-12-04', lateMonth)).toBe('2026-12-27');
    expect(nextWindowDate('2027-02-04', { kind: 'days', fromDay: 31, toDay: 3 })).toBe('2027-02-28');
    expect(nextWindowDate('2026-12-06', { kind: 'days', fromDay: 1, toDay: 5 })).toBe('2027-01-01');
    expect(nextWindowDate('2026-12-02', { kind: 'days', fromDay: 1, toDay: 1 })).toBe('2027-01-01');
  });

  it('is described in words', () => {
    expect(describePaymentWindow(lateMonth)).toBe('from the 27th to the 3rd of the month');
    expect(describePaymentWindow({ kind: 'any_day' })).toBe('any day');
    expect(describePaymentWindow({ kind: 'days', fromDay: 1, toDay: 1 })).toBe('on the 1st of the month');
    expect(describePaymentWindow({ kind: 'days', fromDay: 21, toDay: 31 })).toBe('from the 21st to the last day of the month');
    expect(describePaymentWindow({ kind: 'days', fromDay: 31, toDay: 2 })).toBe('from the last day to the 2nd of the month');
  });

  it('refuses days outside 1 to 31', () => {
    expect(paymentWindowProblem(lateMonth)).toBeNull();
    expect(paymentWindowProblem({ kind: 'any_day' })).toBeNull();
    expect(paymentWindowProblem({ kind: 'days', fromDay: 0, toDay: 3 })).toMatch(/between days 1 and 31/);
    expect(paymentWindowProblem({ kind: 'days', fromDay: 27, toDay: 32 })).toMatch(/between days 1 and 31/);
    expect(paymentWindowProblem({ kind: 'days', fromDay: 2.5, toDay: 3 })).toMatch(/between days 1 and 31/);
  });
});

describe('amount limits', () => {
  it('takes $1.00 to $25,000.00', () => {
    expect(amountProblem(100, null)).toBeNull();
    expect(amountProblem(2_500_000, null)).toBeNull();
    expect(amountProblem(99, null)).toEqual({ code: 'amount_too_small', message: 'The least you can pay is $1.00' });
    expect(amountProblem(2_500_001, null)).toEqual({ code: 'amount_too_large', message: 'The most you can pay at once is $25,000.00' });
  });

  it('refuses zero, negative and fractional cents', () => {
    expect(amountProblem(0, null)?.code).toBe('amount_invalid');
    expect(amountProblem(-500, null)?.code).toBe('amount_invalid');
    expect(amountProblem(100.5, null)?.code).toBe('amount_invalid');
    expect(amountProblem(Number.NaN, null)?.code).toBe('amount_invalid');
  });

  it('applies a company’s lower ceiling, never a higher one', () => {
    expect(maxPaymentCents(500_000)).toBe(500_000);
    expect(maxPaymentCents(9_000_000)).toBe(2_500_000);
    expect(amountProblem(500_000, 500_000)).toBeNull();
    expect(amountProblem(500_001, 500_000)?.message).toBe('The most you can pay at once is $5,000.00');
  });
});

describe('checkPayment', () => {
  const base: PaymentInput = {
    amountCents: 150_000,
    requestedDate: null,
    today: '2026-12-07',
    policy: 'any',
    doNotAcceptPayments: false,
    balanceCents: 150_000,
    companyMaxCents: null,
    window: { kind: 'any_day' },
    accountStatus: 'verified',
  };
  const check = (change: Partial<PaymentInput>) => checkPayment({ ...base, ...change });

  it('takes a payment that breaks no rule', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ requestedDate: '2026-12-07' })).toEqual({ ok: true });
    expect(check({ balanceCents: null, amountCents: 10_000 })).toEqual({ ok: true });
  });

  it('refuses every payment when the company blocks the resident, saying why', () => {
    expect(check({ policy: 'blocked' })).toEqual({
      ok: false,
      field: 'residentId',
      code: 'payments_blocked',
      message: 'Your landlord has turned off online payments for your account: contact your landlord to pay',
    });
  });

  it('refuses when the accounting record says do not accept payments, whatever the policy', () => {
    const refused = check({ doNotAcceptPayments: true });
    expect(refused).toMatchObject({ ok: false, field: 'residentId', code: 'payments_not_accepted' });
    expect(refused.ok === false && refused.message).toMatch(/records say not to accept payments/);
    expect(check({ doNotAcceptPayments: true, policy: 'full_balance_only' })).toMatchObject({ code: 'payments_not_accepted' });
  });

  it('takes only the exact balance under full_balance_only, naming it in dollars', () => {
    const policy = 'full_balance_only';
    expect(check({ policy, balanceCents: 123_456, amountCents: 123_456 })).toEqual({ ok: true });
    expect(check({ policy, balanceCents: 123_456, amountCents: 123_455 })).toEqual({
      ok: false,
      field: 'amountCents',
      code: 'full_balance_required',
      message: 'Your landlord takes only the full balance: pay $1,234.56',
    });
    expect(check({ policy, balanceCents: 123_456, amountCents: 123_457 })).toMatchObject({ code: 'full_balance_required' });
  });

  it('under full_balance_only, refuses when nothing is owed or the balance is not known', () => {
    expect(check({ policy: 'full_balance_only', balanceCents: 0, amountCents: 100 })).toMatchObject({ field: 'amountCents', code: 'nothing_due' });
    expect(check({ policy: 'full_balance_only', balanceCents: -2_000, amountCents: 100 })).toMatchObject({ code: 'nothing_due' });
    expect(check({ policy: 'full_balance_only', balanceCents: null })).toMatchObject({ field: 'residentId', code: 'balance_unknown' });
  });

  it('still applies the ceiling to a full balance', () => {
    expect(check({ policy: 'full_balance_only', balanceCents: 3_000_000, amountCents: 3_000_000 })).toMatchObject({ code: 'amount_too_large' });
  });

  it('refuses amounts outside the limits, with the limit in dollars', () => {
    expect(check({ amountCents: 99 })).toMatchObject({ field: 'amountCents', code: 'amount_too_small', message: 'The least you can pay is $1.00' });
    expect(check({ amountCents: 2_500_001 })).toMatchObject({ field: 'amountCents', message: 'The most you can pay at once is $25,000.00' });
    expect(check({ amountCents: 200_001, companyMaxCents: 200_000 })).toMatchObject({ message: 'The most you can pay at once is $2,000.00' });
    expect(check({ amountCents: 100 })).toEqual({ ok: true });
    expect(check({ amountCents: 2_500_000 })).toEqual({ ok: true });
  });

  it('lets a payment differ from the balance under any amount, even above it', () => {
    expect(check({ amountCents: 200_000, balanceCents: 150_000 })).toEqual({ ok: true });
    expect(check({ amountCents: 10_000, balanceCents: 0 })).toEqual({ ok: true });
  });

  it('refuses a date in the past, and one more than 60 days ahead', () => {
    expect(check({ requestedDate: '2026-12-06' })).toEqual({ ok: false, field: 'date', code: 'date_in_past', message: 'Choose today or a later date' });
    expect(check({ requestedDate: '2027-02-05' })).toEqual({ ok: true }); // today + 60
    expect(check({ requestedDate: '2027-02-06' })).toEqual({ ok: false, field: 'date', code: 'date_too_far', message: 'Choose a date within 60 days, by 2027-02-05' });
  });

  it('refuses a date outside the window, naming the window and a date inside it', () => {
    expect(check({ window: lateMonth, requestedDate: '2026-12-20' })).toEqual({
      ok: false,
      field: 'date',
      code: 'date_outside_window',
      message: 'Your landlord takes payments from the 27th to the 3rd of the month: choose a date such as 2026-12-27',
    });
    expect(check({ window: lateMonth, requestedDate: '2026-12-27' })).toEqual({ ok: true });
    expect(check({ window: lateMonth, requestedDate: '2027-01-03' })).toEqual({ ok: true });
  });

  it('checks paying now against today', () => {
    expect(check({ window: lateMonth, requestedDate: null, today: '2026-12-07' })).toMatchObject({ code: 'date_outside_window' });
    expect(check({ window: lateMonth, requestedDate: null, today: '2026-12-28' })).toEqual({ ok: true });
  });

  it('needs a verified bank account', () => {
    expect(check({ accountStatus: 'validating' })).toMatchObject({ field: 'bankAccountId', code: 'account_not_verified' });
    const locked = check({ accountStatus: 'locked' });
    expect(locked).toMatchObject({ field: 'bankAccountId', code: 'account_locked' });
    expect(locked.ok === false && locked.message).toBe('This bank account is locked after 3 wrong tries at the deposit amounts: contact your landlord');
  });

  it('reports the first problem: may they pay, then how much, then when, then from where', () => {
    const everythingWrong: Partial<PaymentInput> = { policy: 'blocked', amountCents: 1, requestedDate: '2020-01-01', accountStatus: 'locked' };
    expect(check(everythingWrong)).toMatchObject({ code: 'payments_blocked' });
    expect(check({ ...everythingWrong, policy: 'any' })).toMatchObject({ code: 'amount_too_small' });
    expect(check({ ...everythingWrong, policy: 'any', amountCents: 100 })).toMatchObject({ code: 'date_in_past' });
    expect(check({ ...everythingWrong, policy: 'any', amountCents: 100, requestedDate: null })).toMatchObject({ code: 'account_locked' });
  });
});

describe('default payment amount', () => {
  it('is the balance when the company shows a positive one', () => {
    expect(defaultPaymentAmount(123_456, 150_000)).toBe(123_456);
    expect(defaultPaymentAmount(1, 150_000)).toBe(1);
  });

  it('is the rent when no balance is shown, or nothing is owed', () => {
    expect(defaultPaymentAmount(null, 150_000)).toBe(150_000);
    expect(defaultPaymentAmount(0, 150_000)).toBe(150_000);
    expect(defaultPaymentAmount(-5_000, 150_000)).toBe(150_000);
  });
});
