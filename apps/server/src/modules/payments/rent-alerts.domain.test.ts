import { describe, expect, it } from 'vitest';
import { describeAlert, digestDue, monthToRemind, overdueMonths, reminderHour, residentNotice, resolutionOf, returnedMonth, returnedResolution } from './rent-alerts.domain.ts';
import type { RentPeriod } from './rent-periods.domain.ts';

const period = (overrides: Partial<RentPeriod>): RentPeriod => ({
  month: '2026-12',
  dueCents: 100000,
  dueDate: '2026-12-01',
  graceEndsOn: '2026-12-06',
  receivedCents: 0,
  receivedOnTimeCents: 0,
  status: 'unpaid',
  daysLate: null,
  shortfallCents: 100000,
  paidOutsideCents: 0,
  ...overrides,
});

describe('rent alerts: the rules', () => {
  it('raises overdue alerts for unpaid and short months whose grace ended within 60 days', () => {
    const periods = [
      period({ month: '2026-09', graceEndsOn: '2026-09-06' }),
      period({ month: '2026-10', graceEndsOn: '2026-10-06', status: 'insufficient', receivedCents: 50000, shortfallCents: 50000 }),
      period({ month: '2026-11', graceEndsOn: '2026-11-06', status: 'late', daysLate: 8, shortfallCents: null, receivedCents: 100000 }),
      period({ month: '2026-12', status: 'not_due', shortfallCents: null }),
    ];
    expect(overdueMonths(periods, '2026-12-05').map((item) => item.month)).toEqual(['2026-10']);
    expect(overdueMonths(periods, '2026-11-05').map((item) => item.month)).toEqual(['2026-09', '2026-10']);
  });

  it('resolves a month once covered, and when the lease is over', () => {
    expect(resolutionOf('2026-12', 'approved', [period({})])).toBeNull();
    expect(resolutionOf('2026-12', 'approved', [period({ status: 'late', receivedCents: 100000, shortfallCents: null, daysLate: 9 })])).toBe('paid');
    expect(resolutionOf('2026-12', 'current', [period({ status: 'paid_outside', paidOutsideCents: 100000, receivedCents: 100000 })])).toBe('paid_outside');
    expect(resolutionOf('2026-12', 'approved', [period({ status: 'on_time', paidOutsideCents: 100000, receivedCents: 100000 })])).toBe('paid_outside');
    expect(resolutionOf('2026-12', 'approved', [period({ status: 'not_due', receivedCents: 100000 })])).toBe('paid');
    expect(resolutionOf('2026-12', 'approved', [period({ status: 'not_due', receivedCents: 40000 })])).toBeNull();
    // The lease ending clears nothing: a finished resident still owes the month.
    expect(resolutionOf('2026-12', 'finished', [period({})])).toBeNull();
    expect(resolutionOf('2026-12', 'finished', [period({ status: 'late', receivedCents: 100000, shortfallCents: null, daysLate: 30 })])).toBe('paid');
    expect(resolutionOf('2026-12', 'rejected', [period({})])).toBe('lease_ended');
    // A month after the last analysed is still to come; one the lease no longer has is over.
    expect(resolutionOf('2027-01', 'approved', [period({})])).toBeNull();
    expect(resolutionOf('2026-05', 'approved', [period({})])).toBe('lease_ended');
    expect(resolutionOf('2026-12', 'approved', [])).toBe('lease_ended');
  });

  it('raises no overdue alert for a month whose grace ended before the resident joined, nor for a month with an open returned alert', () => {
    const periods = [period({ month: '2026-11', dueDate: '2026-11-01', graceEndsOn: '2026-11-06' }), period({})];
    // Approved on November 20th: November's grace ended before they joined; December is theirs.
    expect(overdueMonths(periods, '2026-12-08', '2026-11-20').map((item) => item.month)).toEqual(['2026-12']);
    // Joined on the grace end itself: still theirs.
    expect(overdueMonths(periods, '2026-12-08', '2026-11-06').map((item) => item.month)).toEqual(['2026-11', '2026-12']);
    // December's debt is already an open returned alert: not raised twice.
    expect(overdueMonths(periods, '2026-12-08', '2026-11-01', new Set(['2026-12'])).map((item) => item.month)).toEqual(['2026-11']);
  });

  it('resolves a returned alert by money arriving after the return, whatever month it was debited in', () => {
    const none = { paymentsCents: 0, paidOutsideCents: 0 };
    // A payment on November 28th for December, returned: November is paid by other money, December not yet.
    expect(returnedResolution(100000, none, 'approved')).toBeNull();
    expect(returnedResolution(100000, { paymentsCents: 60000, paidOutsideCents: 0 }, 'approved')).toBeNull();
    expect(returnedResolution(100000, { paymentsCents: 100000, paidOutsideCents: 0 }, 'approved')).toBe('paid');
    expect(returnedResolution(100000, { paymentsCents: 40000, paidOutsideCents: 60000 }, 'current')).toBe('paid');
    expect(returnedResolution(100000, { paymentsCents: 0, paidOutsideCents: 100000 }, 'approved')).toBe('paid_outside');
    // The lease ending clears nothing; a resident removed from the books does.
    expect(returnedResolution(100000, none, 'finished')).toBeNull();
    expect(returnedResolution(100000, none, 'rejected')).toBe('lease_ended');
  });

  it('names the earliest month owing for a returned alert, never one after the current month', () => {
    const paidNovember = period({ month: '2026-11', dueDate: '2026-11-01', graceEndsOn: '2026-11-06', status: 'on_time', receivedCents: 100000, shortfallCents: null });
    // Debited November 28th for December, returned December 3rd: December, not the paid November.
    expect(returnedMonth('2026-11', [paidNovember, period({ status: 'not_due', shortfallCents: null })], '2026-12-03')).toBe('2026-12');
    // Returned November 30th, December not begun: the month it was debited in until December owes.
    expect(returnedMonth('2026-11', [paidNovember], '2026-11-30')).toBe('2026-11');
    // Debited on the 1st after the last banking day's cut-off (scheduled in the next month), nothing owing yet:
    // clamped to the current month.
    expect(returnedMonth('2027-01', [paidNovember, period({ status: 'on_time', receivedCents: 100000, shortfallCents: null })], '2026-12-31')).toBe('2026-12');
    expect(returnedMonth('2026-12', [period({ month: '2026-10', status: 'no_data' }), paidNovember], '2026-12-02')).toBe('2026-12');
  });

  it('reminds residents between 08:00 and 20:00 company time only', () => {
    expect([0, 7, 8, 12, 19, 20, 23].map(reminderHour)).toEqual([false, false, true, true, true, false, false]);
  });

  it('reminds from 3 days before the due date through the due date, while something is owed', () => {
    const december = [period({ dueDate: '2026-12-10', graceEndsOn: '2026-12-15', status: 'not_due', shortfallCents: null })];
    expect(monthToRemind(december, '2026-12-06')).toBeNull();
    expect(monthToRemind(december, '2026-12-07')?.month).toBe('2026-12');
    expect(monthToRemind(december, '2026-12-10')?.month).toBe('2026-12');
    expect(monthToRemind(december, '2026-12-11')).toBeNull();
    expect(monthToRemind([period({ dueDate: '2026-12-10', status: 'not_due', receivedCents: 100000 })], '2026-12-08')).toBeNull();
    // The months as analysed 3 days ahead: January, due on the 1st, is reminded from December 29th.
    const ahead = [period({ status: 'unpaid', dueDate: '2026-12-01' }), period({ month: '2027-01', dueDate: '2027-01-01', graceEndsOn: '2027-01-06', status: 'not_due' })];
    expect(monthToRemind(ahead, '2026-12-28')).toBeNull();
    expect(monthToRemind(ahead, '2026-12-29')?.month).toBe('2027-01');
    expect(monthToRemind([period({ status: 'no_data', dueDate: '2026-12-30' })], '2026-12-29')).toBeNull();
  });

  it('sends the digest once a day from 08:00 company time', () => {
    expect(digestDue(7, '2026-12-08', null)).toBe(false);
    expect(digestDue(8, '2026-12-08', null)).toBe(true);
    expect(digestDue(15, '2026-12-08', '2026-12-07')).toBe(true);
    expect(digestDue(9, '2026-12-08', '2026-12-08')).toBe(false);
  });

  it('says what is wrong in words', () => {
    const base = { kind: 'overdue' as const, month: '2026-12', amountCents: 100000, dueCents: 100000, receivedCents: 0, shortfallCents: 100000, daysPastGrace: 5, returnCode: null, returnReason: null };
    expect(describeAlert(base)).toBe('Unpaid, 5 days past grace');
    expect(describeAlert({ ...base, receivedCents: 88000, shortfallCents: 12000, daysPastGrace: null })).toBe('Short $120.00');
    expect(describeAlert({ ...base, kind: 'returned', returnCode: 'R01', returnReason: 'R01 insufficient funds' })).toBe('Returned: R01 insufficient funds');
    expect(residentNotice(period({ status: 'insufficient', receivedCents: 88000, shortfallCents: 12000 })).subject).toBe('Your rent for December 2026 is short by $120.00');
    expect(residentNotice(period({})).subject).toBe('Your rent for December 2026 is late');
  });
});
