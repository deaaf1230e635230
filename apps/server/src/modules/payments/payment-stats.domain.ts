import type { RentPeriodStatus } from './rent-periods.domain.ts';

/**
 * The payment stats' arithmetic (GET /api/payment-stats): the rent period analysis's months counted per group (a
 * property, the company) and month. Pure.
 *
 * - A month counts for a group when the analysis gives the resident a period for it; residents without a property
 *   count in the company's figures only.
 * - `decided` = on_time + paid_outside + late + insufficient + unpaid. not_due and no_data are counted apart and
 *   never decided.
 * - The on-time rate is (on_time + paid_outside) / decided: rent the landlord marked paid outside the platform
 *   counts as on time, as the analysis's own `onTimeRate` counts it (the landlord was paid; the platform cannot
 *   date it better). Null when no month is decided.
 */

export type MonthCounts = {
  month: string;
  onTime: number;
  paidOutside: number;
  late: number;
  insufficient: number;
  unpaid: number;
  notDue: number;
  noData: number;
  decided: number;
  rate: number | null;
};

const FIELD: Record<RentPeriodStatus, keyof Omit<MonthCounts, 'month' | 'decided' | 'rate'>> = {
  on_time: 'onTime',
  paid_outside: 'paidOutside',
  late: 'late',
  insufficient: 'insufficient',
  unpaid: 'unpaid',
  not_due: 'notDue',
  no_data: 'noData',
};

/** Each month from `from` to `to`, inclusive ("YYYY-MM"). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const value = `${year}-${String(month).padStart(2, '0')}`;
    if (value > to) return months;
    months.push(value);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}

/** The month `count` months after `month` ("YYYY-MM"). */
export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months `from` to `to` spans, both counted (0 or less when `to` comes first). */
export function monthSpan(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7))) + 1;
}

const empty = (month: string): MonthCounts => ({ month, onTime: 0, paidOutside: 0, late: 0, insufficient: 0, unpaid: 0, notDue: 0, noData: 0, decided: 0, rate: null });

/** Counters for one group over a range of months; `add` ignores months outside it. */
export function monthTally(months: readonly string[]) {
  const index = new Map(months.map((month, i) => [month, i]));
  const counts = months.map(empty);
  return {
    add(month: string, status: RentPeriodStatus) {
      const i = index.get(month);
      if (i === undefined) return;
      (counts[i] as MonthCounts)[FIELD[status]] += 1;
    },
    result(): MonthCounts[] {
      return counts.map((row) => {
        const decided = row.onTime + row.paidOutside + row.late + row.insufficient + row.unpaid;
        return { ...row, decided, rate: decided === 0 ? null : (row.onTime + row.paidOutside) / decided };
      });
    },
  };
}
