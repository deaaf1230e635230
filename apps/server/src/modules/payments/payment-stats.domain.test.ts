import { describe, expect, it } from 'vitest';
import { addMonths, monthSpan, monthsBetween, monthTally } from './payment-stats.domain.ts';

describe('payment stats arithmetic', () => {
  it('walks months across a year end, both ends counted', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
    expect(monthSpan('2025-01', '2026-12')).toBe(24);
    expect(monthSpan('2025-01', '2027-01')).toBe(25);
    expect(monthSpan('2026-04', '2026-03')).toBe(0);
    expect(addMonths('2025-01', 23)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });

  it('counts paid outside as on time, leaves not due and no data out of the rate, ignores months outside the range', () => {
    const tally = monthTally(['2026-01', '2026-02']);
    for (const status of ['on_time', 'paid_outside', 'late', 'insufficient', 'unpaid', 'not_due', 'no_data'] as const) tally.add('2026-01', status);
    tally.add('2026-02', 'no_data');
    tally.add('2026-02', 'not_due');
    tally.add('2025-12', 'late');
    expect(tally.result()).toEqual([
      { month: '2026-01', onTime: 1, paidOutside: 1, late: 1, insufficient: 1, unpaid: 1, notDue: 1, noData: 1, decided: 5, rate: 0.4 },
      { month: '2026-02', onTime: 0, paidOutside: 0, late: 0, insufficient: 0, unpaid: 0, notDue: 1, noData: 1, decided: 0, rate: null },
    ]);
  });
});
