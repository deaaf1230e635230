import { describe, expect, it } from 'vitest';
import type { PaymentWindow } from './payment-rules.domain.ts';
import { autopayDecision, autopayKindsFor, checkAutopaySettings, nextAutopayDate, reminderDate } from './autopay.domain.ts';

describe('autopay kinds', () => {
  it('offers a balance plan only where the company shows balances', () => {
    expect(autopayKindsFor(true)).toEqual(['fixed', 'balance']);
    expect(autopayKindsFor(false)).toEqual(['fixed']);
  });
});

describe('autopay settings', () => {
  const anyDay: PaymentWindow = { kind: 'any_day' };
  const company = { showsBalance: true, companyMaxCents: null, window: anyDay };

  it('takes a fixed amount or a capped balance on days 1 to 28', () => {
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed', amountCents: 150_000 }, company)).toEqual({ ok: true });
    expect(checkAutopaySettings({ dayOfMonth: 28, kind: 'balance', capCents: 200_000 }, company)).toEqual({ ok: true });
  });

  it('refuses days past the 28th, before the 1st, or fractional', () => {
    for (const dayOfMonth of [0, 29, 31, 2.5, Number.NaN]) {
      expect(checkAutopaySettings({ dayOfMonth, kind: 'fixed', amountCents: 150_000 }, company)).toEqual({
        ok: false,
        field: 'dayOfMonth',
        code: 'day_invalid',
        message: 'Choose a day from the 1st to the 28th: every month has those',
      });
    }
  });

  it('needs a day inside the company’s payment window in every month', () => {
    const lateMonth: PaymentWindow = { kind: 'days', fromDay: 27, toDay: 3 };
    const fixed = { kind: 'fixed' as const, amountCents: 150_000 };
    for (const dayOfMonth of [1, 3, 27, 28]) expect(checkAutopaySettings({ ...fixed, dayOfMonth }, { ...company, window: lateMonth })).toEqual({ ok: true });
    expect(checkAutopaySettings({ ...fixed, dayOfMonth: 15 }, { ...company, window: lateMonth })).toEqual({
      ok: false,
      field: 'dayOfMonth',
      code: 'day_outside_window',
      message: 'Your landlord takes payments from the 27th to the 3rd of the month: choose a day inside that every month',
    });
    // From the 31st: the 28th is inside only in a 28-day February, so it is refused.
    expect(checkAutopaySettings({ ...fixed, dayOfMonth: 28 }, { ...company, window: { kind: 'days', fromDay: 31, toDay: 3 } })).toMatchObject({ code: 'day_outside_window' });
    expect(checkAutopaySettings({ ...fixed, dayOfMonth: 2 }, { ...company, window: { kind: 'days', fromDay: 31, toDay: 3 } })).toEqual({ ok: true });
  });

  it('refuses a balance plan where no balance is shown', () => {
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'balance', capCents: 200_000 }, { showsBalance: false, companyMaxCents: null, window: anyDay })).toMatchObject({
      ok: false,
      field: 'kind',
      code: 'balance_not_shown',
    });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed', amountCents: 100 }, { showsBalance: false, companyMaxCents: null, window: anyDay })).toEqual({ ok: true });
  });

  it('refuses an unknown kind', () => {
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'weekly' as never, amountCents: 100 }, company)).toMatchObject({ field: 'kind', code: 'kind_invalid' });
  });

  it('needs the amount of a fixed plan, within the payment limits', () => {
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed' }, company)).toMatchObject({ field: 'amountCents', code: 'amount_required' });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed', amountCents: null }, company)).toMatchObject({ field: 'amountCents', code: 'amount_required' });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed', amountCents: 99 }, company)).toMatchObject({ field: 'amountCents', code: 'amount_too_small', message: 'The least you can pay is $1.00' });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed', amountCents: 2_500_001 }, company)).toMatchObject({ field: 'amountCents', message: 'The most you can pay at once is $25,000.00' });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed', amountCents: 300_001 }, { showsBalance: true, companyMaxCents: 300_000, window: anyDay })).toMatchObject({ field: 'amountCents', code: 'amount_too_large' });
  });

  it('needs the cap of a balance plan, within the payment limits', () => {
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'balance' }, company)).toMatchObject({ field: 'capCents', code: 'cap_required' });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'balance', capCents: 2_500_001 }, company)).toMatchObject({ field: 'capCents', code: 'amount_too_large' });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'balance', capCents: 0 }, company)).toMatchObject({ field: 'capCents', code: 'amount_invalid' });
  });

  it('ignores the field that does not apply to the kind', () => {
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'fixed', amountCents: 100_000, capCents: -1 }, company)).toEqual({ ok: true });
    expect(checkAutopaySettings({ dayOfMonth: 1, kind: 'balance', capCents: 100_000, amountCents: -1 }, company)).toEqual({ ok: true });
  });

  it('reports the day first, then the kind, then the money', () => {
    expect(checkAutopaySettings({ dayOfMonth: 30, kind: 'balance' }, { showsBalance: false, companyMaxCents: null, window: anyDay })).toMatchObject({ field: 'dayOfMonth' });
    expect(checkAutopaySettings({ dayOfMonth: 3, kind: 'balance' }, { showsBalance: false, companyMaxCents: null, window: anyDay })).toMatchObject({ field: 'kind' });
  });
});

describe('next autopay date', () => {
  it('is today when today is the day', () => {
    expect(nextAutopayDate('2026-12-05', 5)).toBe('2026-12-05');
  });

  it('is later this month before the day, next month after it', () => {
    expect(nextAutopayDate('2026-12-04', 5)).toBe('2026-12-05');
    expect(nextAutopayDate('2026-11-06', 5)).toBe('2026-12-05');
    expect(nextAutopayDate('2026-12-06', 5)).toBe('2027-01-05'); // over the year's end
    expect(nextAutopayDate('2027-01-31', 28)).toBe('2027-02-28');
    expect(nextAutopayDate('2027-01-29', 1)).toBe('2027-02-01');
    expect(nextAutopayDate('2026-12-31', 28)).toBe('2027-01-28');
  });

  it('refuses a day a plan cannot have', () => {
    expect(() => nextAutopayDate('2026-12-07', 29)).toThrow(/1 to 28/);
    expect(() => nextAutopayDate('2026-12-07', 0)).toThrow(/1 to 28/);
  });
});

describe('autopay decision', () => {
  it('pays a fixed plan its amount, whatever the balance', () => {
    expect(autopayDecision({ kind: 'fixed', amountCents: 150_000, capCents: null, balanceCents: 0 })).toEqual({ action: 'pay', amountCents: 150_000 });
    expect(autopayDecision({ kind: 'fixed', amountCents: 150_000, capCents: null, balanceCents: null })).toEqual({ action: 'pay', amountCents: 150_000 });
    expect(autopayDecision({ kind: 'fixed', amountCents: 150_000, capCents: null, balanceCents: 900_000 })).toEqual({ action: 'pay', amountCents: 150_000 });
  });

  it('pays the balance up to and including the cap', () => {
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: 150_000 })).toEqual({ action: 'pay', amountCents: 150_000 });
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: 200_000 })).toEqual({ action: 'pay', amountCents: 200_000 });
  });

  it('skips the month when the balance is over the cap, saying both in dollars', () => {
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: 200_001 })).toEqual({
      action: 'skip',
      reason: 'over_cap',
      message: 'Autopay did not run this month: your balance of $2,000.01 is over your autopay limit of $2,000.00. Pay it from the Payments page, or raise your limit',
    });
  });

  it('skips when nothing is owed, too little to debit, or the balance is not known', () => {
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: 0 })).toMatchObject({ action: 'skip', reason: 'nothing_due' });
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: -5_000 })).toMatchObject({ action: 'skip', reason: 'nothing_due' });
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: 99 })).toMatchObject({ action: 'skip', reason: 'below_minimum' });
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: 100 })).toEqual({ action: 'pay', amountCents: 100 });
    expect(autopayDecision({ kind: 'balance', amountCents: null, capCents: 200_000, balanceCents: null })).toMatchObject({ action: 'skip', reason: 'balance_unknown' });
  });

  it('refuses a plan that its kind says cannot exist', () => {
    expect(() => autopayDecision({ kind: 'fixed', amountCents: null, capCents: null, balanceCents: 0 })).toThrow(/without an amount/);
    expect(() => autopayDecision({ kind: 'balance', amountCents: null, capCents: null, balanceCents: 100_000 })).toThrow(/without a cap/);
  });
});

describe('reminder date', () => {
  it('is three calendar days before the debit, across months and years', () => {
    expect(reminderDate('2026-12-05')).toBe('2026-12-02');
    expect(reminderDate('2027-01-01')).toBe('2026-12-29');
    expect(reminderDate('2027-03-01')).toBe('2027-02-26');
    expect(reminderDate('2028-03-01')).toBe('2028-02-27');
  });
});
