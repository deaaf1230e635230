import { describe, expect, it } from 'vitest';
import { addCalendarDays, localDateIn } from './banking-calendar.domain.ts';
import {
  analyzeRentPeriods,
  countsAsReceived,
  daysAfter,
  daysBetween,
  describeRentPeriod,
  dueDateIn,
  leaseMonths,
  onTimeRate,
  prorate,
  summarize,
  unappliedCents,
  type PaidOutsideMark,
  type RentPayment,
  type RentPaymentStatus,
  type RentPeriod,
  type RentPeriodsInput,
} from './rent-periods.domain.ts';

const RENT = 100_000; // $1,000.00

/** A month-to-month lease from January 2026, rent due on the 1st with 5 days' grace, joined before it began. */
function lease(overrides: Partial<RentPeriodsInput> = {}): RentPeriodsInput {
  return {
    leaseStart: '2026-01-01',
    leaseEnd: null,
    rentCents: RENT,
    dueDay: 1,
    graceDays: 5,
    joinedOn: '2025-12-15',
    today: '2026-02-15',
    payments: [],
    paidOutside: [],
    ...overrides,
  };
}

const paid = (effectiveDate: string, amountCents = RENT, status: RentPaymentStatus = 'settled'): RentPayment => ({ amountCents, status, effectiveDate });
const outside = (month: string, paidOn: string, amountCents = RENT): PaidOutsideMark => ({ month, amountCents, paidOn });

function periods(overrides: Partial<RentPeriodsInput> = {}): RentPeriod[] {
  return analyzeRentPeriods(lease(overrides));
}

function monthOf(overrides: Partial<RentPeriodsInput>, month: string): RentPeriod {
  const found = periods(overrides).find((period) => period.month === month);
  if (!found) throw new Error(`No period ${month}`);
  return found;
}

describe('the months of a lease', () => {
  it('runs from the lease start month to today month for month-to-month', () => {
    expect(leaseMonths('2026-01-15', null, '2026-04-02')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('stops at the lease end month when that comes before today', () => {
    expect(leaseMonths('2026-01-15', '2026-03-10', '2026-09-01')).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('stops at today month when the lease ends later', () => {
    expect(leaseMonths('2026-01-15', '2027-01-14', '2026-02-28')).toEqual(['2026-01', '2026-02']);
  });

  it('crosses a year end', () => {
    expect(leaseMonths('2026-11-01', null, '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('has no months for a lease starting after today or ending before it starts', () => {
    expect(leaseMonths('2026-05-01', null, '2026-04-30')).toEqual([]);
    expect(leaseMonths('2026-05-01', '2026-04-01', '2026-09-01')).toEqual([]);
    expect(periods({ leaseStart: '2026-05-01', today: '2026-04-30' })).toEqual([]);
    expect(leaseMonths('2026-04-20', null, '2026-04-19')).toEqual([]); // later this month: not yet
    expect(leaseMonths('2026-04-20', null, '2026-04-20')).toEqual(['2026-04']);
  });

  it('adds the new month at the month boundary, open (not_due) on its first day', () => {
    expect(periods({ today: '2026-03-31' }).map((period) => period.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const april = periods({ today: '2026-04-01' });
    expect(april.map((period) => period.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(april[3]?.status).toBe('not_due');
  });
});

describe('due dates', () => {
  it('uses the due day, or the last day of a shorter month', () => {
    expect(dueDateIn('2026-01', 31)).toBe('2026-01-31');
    expect(dueDateIn('2026-04', 31)).toBe('2026-04-30');
    expect(dueDateIn('2026-03', 1)).toBe('2026-03-01');
  });

  it('puts a due day of 31 on February 28th, or the 29th in a leap year', () => {
    expect(dueDateIn('2027-02', 31)).toBe('2027-02-28');
    expect(dueDateIn('2028-02', 31)).toBe('2028-02-29');
    expect(dueDateIn('2028-02', 30)).toBe('2028-02-29');
    expect(dueDateIn('2028-02', 29)).toBe('2028-02-29');
    expect(dueDateIn('2027-02', 29)).toBe('2027-02-28');
  });

  it('decides a due-day-31 February from its last day plus grace, leap year or not', () => {
    const common = monthOf({ leaseStart: '2027-01-01', joinedOn: '2026-12-01', dueDay: 31, graceDays: 3, today: '2027-03-10', payments: [paid('2027-01-31'), paid('2027-03-03')] }, '2027-02');
    expect(common).toMatchObject({ dueDate: '2027-02-28', graceEndsOn: '2027-03-03', status: 'on_time' });
    const leap = monthOf({ leaseStart: '2028-01-01', joinedOn: '2027-12-01', dueDay: 31, graceDays: 3, today: '2028-03-10', payments: [paid('2028-01-31'), paid('2028-03-03')] }, '2028-02');
    expect(leap).toMatchObject({ dueDate: '2028-02-29', graceEndsOn: '2028-03-03', status: 'on_time' });
    const leapLate = monthOf({ leaseStart: '2028-01-01', joinedOn: '2027-12-01', dueDay: 31, graceDays: 3, today: '2028-03-10', payments: [paid('2028-01-31'), paid('2028-03-04')] }, '2028-02');
    expect(leapLate).toMatchObject({ status: 'late', daysLate: 4 }); // Feb 29 to Mar 4
  });

  it('ends a grace that crosses the month end in the next month', () => {
    const onTime = monthOf({ dueDay: 28, graceDays: 5, payments: [paid('2026-01-28'), paid('2026-03-05')], today: '2026-03-10' }, '2026-02');
    expect(onTime).toMatchObject({ dueDate: '2026-02-28', graceEndsOn: '2026-03-05', status: 'on_time', daysLate: null });
    const late = monthOf({ dueDay: 28, graceDays: 5, payments: [paid('2026-01-28'), paid('2026-03-06')], today: '2026-03-10' }, '2026-02');
    expect(late).toMatchObject({ status: 'late', daysLate: 6 });
  });

  it('ends a grace across a year end, and steps days as addCalendarDays does', () => {
    expect(monthOf({ leaseStart: '2026-12-01', joinedOn: '2026-11-01', dueDay: 28, graceDays: 5, today: '2027-01-03' }, '2026-12')).toMatchObject({ graceEndsOn: '2027-01-02', status: 'unpaid' });
    for (const date of ['2026-01-31', '2027-02-28', '2028-02-28', '2028-02-29', '2026-12-31', '2026-06-15']) {
      for (const days of [0, 1, 5, 29, 31, 45, 400]) expect(daysAfter(date, days)).toBe(addCalendarDays(date, days));
    }
  });

  it('counts days across month and year ends', () => {
    expect(daysBetween('2026-01-31', '2026-02-01')).toBe(1);
    expect(daysBetween('2026-12-25', '2027-01-05')).toBe(11);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2); // across the daylight saving switch
    expect(daysBetween('2026-02-01', '2026-01-31')).toBe(-1);
  });
});

describe('not due: the month is open through the last day of its grace', () => {
  it('is not_due before the due date, on it, and on the grace last day itself', () => {
    for (const today of ['2026-03-01', '2026-03-06']) {
      expect(monthOf({ today }, '2026-03')).toMatchObject({ status: 'not_due', graceEndsOn: '2026-03-06', shortfallCents: null });
    }
  });

  it('is decided the day after the grace ends', () => {
    expect(monthOf({ today: '2026-03-07' }, '2026-03')).toMatchObject({ status: 'unpaid', shortfallCents: RENT });
  });

  it('stays not_due while open even when already paid in full (it is decided when the grace ends)', () => {
    expect(monthOf({ leaseStart: '2026-03-01', today: '2026-03-02', payments: [paid('2026-03-01')] }, '2026-03')).toMatchObject({ status: 'not_due', receivedCents: RENT, receivedOnTimeCents: RENT });
  });

  it('passes at the company midnight, not UTC: the caller hands in the company date', () => {
    const instant = new Date('2026-03-07T07:30:00Z'); // still March 6th in Los Angeles
    expect(monthOf({ today: localDateIn(instant, 'America/Los_Angeles') }, '2026-03').status).toBe('not_due');
    expect(monthOf({ today: localDateIn(instant, 'America/New_York') }, '2026-03').status).toBe('unpaid');
  });

  it('with no grace, is open on the due date only', () => {
    expect(monthOf({ graceDays: 0, today: '2026-03-01' }, '2026-03').status).toBe('not_due');
    expect(monthOf({ graceDays: 0, today: '2026-03-02' }, '2026-03').status).toBe('unpaid');
  });
});

describe('decided months', () => {
  const today = '2026-01-31';

  it('on_time: paid in full by the grace end (on the due date, before it, or on the last grace day)', () => {
    for (const date of ['2025-12-28', '2026-01-01', '2026-01-06']) {
      expect(monthOf({ today, payments: [paid(date)] }, '2026-01')).toMatchObject({
        status: 'on_time', dueCents: RENT, dueDate: '2026-01-01', graceEndsOn: '2026-01-06',
        receivedCents: RENT, receivedOnTimeCents: RENT, daysLate: null, shortfallCents: null, paidOutsideCents: 0,
      });
    }
  });

  it('late: paid in full after the grace, days late counted from the due date (not the grace end)', () => {
    expect(monthOf({ today, payments: [paid('2026-01-07')] }, '2026-01')).toMatchObject({ status: 'late', daysLate: 6, receivedCents: RENT, receivedOnTimeCents: 0 });
    expect(monthOf({ today, payments: [paid('2026-01-20')] }, '2026-01')).toMatchObject({ status: 'late', daysLate: 19 });
  });

  it('late by the last money that completed it: part on time, the rest after the grace', () => {
    expect(monthOf({ today, payments: [paid('2026-01-01', 70_000), paid('2026-01-11', 30_000)] }, '2026-01')).toMatchObject({
      status: 'late', daysLate: 10, receivedCents: RENT, receivedOnTimeCents: 70_000,
    });
  });

  it('insufficient: something received but less than due, with the shortfall', () => {
    expect(monthOf({ today, payments: [paid('2026-01-01', 60_000)] }, '2026-01')).toMatchObject({
      status: 'insufficient', receivedCents: 60_000, shortfallCents: 40_000, daysLate: null,
    });
  });

  it('unpaid: nothing received, the whole amount short', () => {
    expect(monthOf({ today }, '2026-01')).toMatchObject({ status: 'unpaid', receivedCents: 0, shortfallCents: RENT });
  });

  it('counts processing payments like settled ones', () => {
    expect(monthOf({ today, payments: [paid('2026-01-02', RENT, 'processing')] }, '2026-01').status).toBe('on_time');
  });

  it('never counts scheduled, cancelled or voided payments', () => {
    for (const status of ['scheduled', 'cancelled', 'voided'] as const) {
      expect(monthOf({ today, payments: [paid('2026-01-01', RENT, status)] }, '2026-01').status).toBe('unpaid');
    }
  });

  it('counts money from its effective date: a payment without one, or dated after today, is not received yet', () => {
    expect(monthOf({ today, payments: [{ amountCents: RENT, status: 'processing', effectiveDate: null }] }, '2026-01').status).toBe('unpaid');
    expect(monthOf({ today, payments: [paid('2026-02-01', RENT, 'processing')] }, '2026-01').status).toBe('unpaid');
    expect(monthOf({ today: '2026-02-01', payments: [paid('2026-02-01', RENT, 'processing')] }, '2026-01')).toMatchObject({ status: 'late', daysLate: 31 });
  });

  it('sorts payments by effective date whatever order they come in', () => {
    const payments = [paid('2026-02-01'), paid('2026-01-01')];
    const [january, february] = periods({ today: '2026-02-28', payments });
    expect(january).toMatchObject({ status: 'on_time' });
    expect(february).toMatchObject({ status: 'on_time' });
  });
});

describe('returned payments are reversed', () => {
  const returned = (effectiveDate: string, returnedOn: string | null): RentPayment => ({ amountCents: RENT, status: 'returned', effectiveDate, returnedOn });

  it('a return undoes an on-time month: unpaid once the grace has passed', () => {
    expect(monthOf({ today: '2026-01-31', payments: [returned('2026-01-01', '2026-01-05')] }, '2026-01')).toMatchObject({ status: 'unpaid', receivedCents: 0, shortfallCents: RENT });
  });

  it('a return of part of the month leaves it insufficient', () => {
    const payments = [paid('2026-01-01', 50_000), { ...returned('2026-01-01', '2026-01-04'), amountCents: 50_000 }];
    expect(monthOf({ today: '2026-01-31', payments }, '2026-01')).toMatchObject({ status: 'insufficient', shortfallCents: 50_000 });
  });

  it('another payment by the grace end keeps the month on time; after it, the month is late', () => {
    expect(monthOf({ today: '2026-01-31', payments: [returned('2026-01-01', '2026-01-04'), paid('2026-01-06')] }, '2026-01').status).toBe('on_time');
    expect(monthOf({ today: '2026-01-31', payments: [returned('2026-01-01', '2026-01-04'), paid('2026-01-12')] }, '2026-01')).toMatchObject({ status: 'late', daysLate: 11 });
  });

  it('the money counted until the return date: replaying an earlier today shows the month on time', () => {
    const payments = [returned('2026-01-01', '2026-01-12')];
    expect(monthOf({ today: '2026-01-10', payments }, '2026-01').status).toBe('on_time');
    expect(monthOf({ today: '2026-01-12', payments }, '2026-01').status).toBe('unpaid');
    expect(countsAsReceived(returned('2026-01-01', '2026-01-12'), '2026-01-11')).toBe(true);
    expect(countsAsReceived(returned('2026-01-01', '2026-01-12'), '2026-01-12')).toBe(false);
  });

  it('a returned payment without a return date never counts', () => {
    expect(countsAsReceived(returned('2026-01-01', null), '2026-01-02')).toBe(false);
    expect(countsAsReceived({ amountCents: RENT, status: 'returned', effectiveDate: '2026-01-01' }, '2026-01-02')).toBe(false);
  });

  it('a return pulls the next payment back to the older month (FIFO): the next month is then unpaid', () => {
    const [january, february] = periods({ today: '2026-02-28', payments: [returned('2026-01-01', '2026-01-05'), paid('2026-02-01')] });
    expect(january).toMatchObject({ status: 'late', daysLate: 31 });
    expect(february).toMatchObject({ status: 'unpaid', shortfallCents: RENT });
  });
});

describe('attribution: the earliest month still owing is paid first', () => {
  it('one payment pays two months', () => {
    const [january, february] = periods({ today: '2026-02-28', payments: [paid('2026-01-01', 2 * RENT)] });
    expect(january).toMatchObject({ status: 'on_time', receivedCents: RENT });
    expect(february).toMatchObject({ status: 'on_time', receivedCents: RENT, receivedOnTimeCents: RENT });
  });

  it('a late catch-up payment makes the older month late and pays the current one on time', () => {
    const [january, february] = periods({ today: '2026-02-28', payments: [paid('2026-02-02', 2 * RENT)] });
    expect(january).toMatchObject({ status: 'late', daysLate: 32 });
    expect(february).toMatchObject({ status: 'on_time' });
  });

  it('an older shortfall is paid first out of the next payment, leaving the new month short', () => {
    const [january, february] = periods({ today: '2026-02-28', payments: [paid('2026-01-01', 90_000), paid('2026-02-01')] });
    expect(january).toMatchObject({ status: 'late', daysLate: 31, receivedCents: RENT, receivedOnTimeCents: 90_000 });
    expect(february).toMatchObject({ status: 'insufficient', receivedCents: 90_000, shortfallCents: 10_000 });
  });

  it('a payment before the lease first due date pays the first month', () => {
    expect(monthOf({ leaseStart: '2026-03-01', today: '2026-03-31', payments: [paid('2026-02-20')] }, '2026-03')).toMatchObject({ status: 'on_time', receivedCents: RENT });
  });

  it('money beyond every month so far waits for the next month (unapplied), then pays it', () => {
    const early = lease({ today: '2026-01-31', payments: [paid('2026-01-01'), paid('2026-01-28')] });
    expect(unappliedCents(early)).toBe(RENT);
    expect(analyzeRentPeriods(early).map((period) => period.receivedCents)).toEqual([RENT]);
    const next = { ...early, today: '2026-02-10' };
    expect(unappliedCents(next)).toBe(0);
    expect(analyzeRentPeriods(next)[1]).toMatchObject({ month: '2026-02', status: 'on_time', receivedCents: RENT });
  });
});

describe('paid outside the platform', () => {
  const today = '2026-01-31';

  it('paid_outside when the marks alone cover the amount due', () => {
    expect(monthOf({ today, paidOutside: [outside('2026-01', '2026-01-02')] }, '2026-01')).toMatchObject({
      status: 'paid_outside', paidOutsideCents: RENT, receivedCents: RENT, daysLate: null, shortfallCents: null,
    });
  });

  it('paid_outside whatever the date the landlord gave (it counts as on time in the rate)', () => {
    const january = monthOf({ today, paidOutside: [outside('2026-01', '2026-01-20')] }, '2026-01');
    expect(january.status).toBe('paid_outside');
    expect(onTimeRate([january])).toBe(1);
  });

  it('part outside plus platform payments: on time or late by the last money date', () => {
    const mark = [outside('2026-01', '2026-01-02', 40_000)];
    expect(monthOf({ today, paidOutside: mark, payments: [paid('2026-01-05', 60_000)] }, '2026-01')).toMatchObject({ status: 'on_time', paidOutsideCents: 40_000, receivedCents: RENT });
    expect(monthOf({ today, paidOutside: mark, payments: [paid('2026-01-09', 60_000)] }, '2026-01')).toMatchObject({ status: 'late', daysLate: 8 });
    expect(monthOf({ today, paidOutside: [outside('2026-01', '2026-01-15', 40_000)], payments: [paid('2026-01-01', 60_000)] }, '2026-01')).toMatchObject({ status: 'late', daysLate: 14 });
  });

  it('part outside and nothing else is insufficient', () => {
    expect(monthOf({ today, paidOutside: [outside('2026-01', '2026-01-02', 40_000)] }, '2026-01')).toMatchObject({ status: 'insufficient', shortfallCents: 60_000 });
  });

  it('a mark for a month the platform already paid pays the next month owing, as money paid outside', () => {
    const [january, february] = periods({ today: '2026-02-28', paidOutside: [outside('2026-01', '2026-01-03')], payments: [paid('2026-01-01')] });
    expect(january).toMatchObject({ status: 'on_time', receivedCents: RENT, paidOutsideCents: 0 });
    expect(february).toMatchObject({ status: 'paid_outside', receivedCents: RENT, paidOutsideCents: RENT });
  });

  it('a later mark never makes a month late that the platform had paid on time; its excess moves on', () => {
    const [january, february] = periods({ today: '2026-02-28', paidOutside: [outside('2026-01', '2026-01-20', 40_000)], payments: [paid('2026-01-01')] });
    expect(january).toMatchObject({ status: 'on_time', receivedCents: RENT, receivedOnTimeCents: RENT, paidOutsideCents: 0 });
    expect(february).toMatchObject({ status: 'insufficient', receivedCents: 40_000, paidOutsideCents: 40_000, shortfallCents: 60_000 });
  });

  it('a mark fills its month first, then any older month still owing', () => {
    const [january, february] = periods({ today: '2026-02-28', paidOutside: [outside('2026-02', '2026-02-01', 2 * RENT)] });
    expect(february).toMatchObject({ status: 'paid_outside', paidOutsideCents: RENT });
    expect(january).toMatchObject({ status: 'paid_outside', paidOutsideCents: RENT });
  });

  it('a mark for the month before a platform payment of the same day keeps the payment for the next month', () => {
    const [january, february] = periods({ today: '2026-02-28', paidOutside: [outside('2026-01', '2026-01-01')], payments: [paid('2026-01-01')] });
    expect(january?.status).toBe('paid_outside');
    expect(february).toMatchObject({ status: 'on_time', receivedCents: RENT, paidOutsideCents: 0 });
  });

  it('a mark naming a month before joining fills it, but it stays no_data', () => {
    const result = periods({ joinedOn: '2026-02-10', today: '2026-02-28', paidOutside: [outside('2026-01', '2026-01-03')] });
    expect(result[0]).toMatchObject({ month: '2026-01', status: 'no_data', paidOutsideCents: RENT });
    expect(result[1]).toMatchObject({ month: '2026-02', status: 'unpaid' });
  });

  it('a mark dated after today is not counted yet', () => {
    expect(monthOf({ today, paidOutside: [outside('2026-01', '2026-02-01')] }, '2026-01').status).toBe('unpaid');
  });
});

describe('proration', () => {
  it('rounds to the cent, half up', () => {
    expect(prorate(100_000, 15, 31)).toBe(48_387); // 48,387.09
    expect(prorate(100_000, 17, 31)).toBe(54_839); // 54,838.70
    expect(prorate(100_001, 15, 30)).toBe(50_001); // 50,000.5 -> up
    expect(prorate(1, 1, 2)).toBe(1);
    expect(prorate(RENT, 31, 31)).toBe(RENT);
  });

  it('a lease starting after the due day: the first month due on the start day, prorated by days occupied', () => {
    const [march, april] = periods({ leaseStart: '2026-03-17', today: '2026-04-30' });
    expect(march).toMatchObject({ dueDate: '2026-03-17', graceEndsOn: '2026-03-22', dueCents: prorate(RENT, 15, 31), status: 'unpaid' });
    expect(april).toMatchObject({ dueDate: '2026-04-01', dueCents: RENT });
  });

  it('a lease starting mid-month before the due day: due on the due day, still prorated', () => {
    expect(monthOf({ leaseStart: '2026-03-02', dueDay: 5, today: '2026-03-31' }, '2026-03')).toMatchObject({ dueDate: '2026-03-05', dueCents: prorate(RENT, 30, 31) });
  });

  it('a lease starting on the 1st owes the full month', () => {
    expect(monthOf({ leaseStart: '2026-03-01', today: '2026-03-31' }, '2026-03').dueCents).toBe(RENT);
  });

  it('a lease ending mid-month: the last month prorated by days occupied, and no months after it', () => {
    const result = periods({ leaseEnd: '2026-06-10', today: '2026-09-01' });
    expect(result.map((period) => period.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(result[5]).toMatchObject({ dueDate: '2026-06-01', dueCents: prorate(RENT, 10, 30) });
  });

  it('a lease ending before the due day: the last month is due on its last day', () => {
    expect(monthOf({ leaseEnd: '2026-06-10', dueDay: 15, today: '2026-09-01' }, '2026-06')).toMatchObject({ dueDate: '2026-06-10', graceEndsOn: '2026-06-15', dueCents: 33_333 });
  });

  it('a lease ending on the month last day owes the full month', () => {
    expect(monthOf({ leaseEnd: '2026-02-28', today: '2026-09-01' }, '2026-02').dueCents).toBe(RENT);
  });

  it('a lease starting and ending in one month', () => {
    expect(periods({ leaseStart: '2026-03-10', leaseEnd: '2026-03-20', today: '2026-04-30' })).toEqual([
      expect.objectContaining({ month: '2026-03', dueDate: '2026-03-10', dueCents: prorate(RENT, 11, 31) }),
    ]);
  });

  it('prorates in a leap February by its 29 days', () => {
    expect(monthOf({ leaseStart: '2028-02-15', joinedOn: '2028-01-01', today: '2028-03-31' }, '2028-02').dueCents).toBe(prorate(RENT, 15, 29));
  });
});

describe('month-to-month', () => {
  it('has no end: every month to today, the current one open', () => {
    const result = periods({ leaseEnd: null, today: '2026-06-03', payments: [paid('2026-01-01', 5 * RENT)] });
    expect(result.map((period) => period.status)).toEqual(['on_time', 'on_time', 'on_time', 'on_time', 'on_time', 'not_due']);
  });
});

describe('the accounting balance as the amount due', () => {
  it('is due instead of rent in the months it is given, not prorated', () => {
    const balanceDueByMonth = new Map([['2026-01', 45_000]]);
    const [january, february] = periods({ leaseStart: '2026-01-10', today: '2026-02-28', balanceDueByMonth, payments: [paid('2026-01-10', 45_000)] });
    expect(january).toMatchObject({ dueCents: 45_000, status: 'on_time' });
    expect(february).toMatchObject({ dueCents: RENT, status: 'unpaid' });
  });

  it('a balance of zero or less means nothing due: on time once decided', () => {
    const balanceDueByMonth = new Map([['2026-01', 0], ['2026-02', -2_500]]);
    const [january, february] = periods({ today: '2026-02-28', balanceDueByMonth });
    expect(january).toMatchObject({ dueCents: 0, status: 'on_time', shortfallCents: null });
    expect(february).toMatchObject({ dueCents: 0, status: 'on_time' });
  });
});

describe('months before joining the platform', () => {
  const joinedLate = { leaseStart: '2026-01-01', joinedOn: '2026-04-20', today: '2026-05-31' };

  it('are no_data, never unpaid; the month of joining counts', () => {
    expect(periods(joinedLate).map((period) => [period.month, period.status])).toEqual([
      ['2026-01', 'no_data'], ['2026-02', 'no_data'], ['2026-03', 'no_data'], ['2026-04', 'unpaid'], ['2026-05', 'unpaid'],
    ]);
  });

  it('take no platform money: a payment after joining pays a month of ours', () => {
    const result = periods({ ...joinedLate, payments: [paid('2026-04-21'), paid('2026-05-01')] });
    expect(result[0]).toMatchObject({ status: 'no_data', receivedCents: 0, shortfallCents: null });
    expect(result[3]).toMatchObject({ month: '2026-04', status: 'late', daysLate: 20 });
    expect(result[4]).toMatchObject({ month: '2026-05', status: 'on_time' });
  });

  it('stay no_data even while their grace would be open', () => {
    expect(monthOf({ leaseStart: '2026-03-01', joinedOn: '2026-04-01', today: '2026-04-01' }, '2026-03').status).toBe('no_data');
  });

  it('count with verified history brought in (back-reporting), from its month on', () => {
    const result = periods({ ...joinedLate, verifiedHistoryFrom: '2026-02', paidOutside: [outside('2026-02', '2026-02-01'), outside('2026-03', '2026-03-03')] });
    expect(result.map((period) => period.status)).toEqual(['no_data', 'paid_outside', 'paid_outside', 'unpaid', 'unpaid']);
  });

  it('a verified history starting after joining changes nothing', () => {
    expect(periods({ ...joinedLate, verifiedHistoryFrom: '2026-05' }).map((period) => period.status)).toEqual(['no_data', 'no_data', 'no_data', 'unpaid', 'unpaid']);
  });
});

describe('on-time rate and summary', () => {
  // Jan on time, Feb late, Mar insufficient, Apr unpaid, May paid outside, Jun not due; joined in January, lease from December.
  const mixed = analyzeRentPeriods(lease({
    leaseStart: '2025-12-01',
    joinedOn: '2026-01-01',
    today: '2026-06-02',
    payments: [paid('2026-01-01'), paid('2026-02-10'), paid('2026-03-01', 70_000)],
    paidOutside: [outside('2026-05', '2026-05-01')],
  }));

  it('covers every status', () => {
    expect(mixed.map((period) => period.status)).toEqual(['no_data', 'on_time', 'late', 'insufficient', 'unpaid', 'paid_outside', 'not_due']);
  });

  it('is the share of decided months on time or paid outside (not_due and no_data left out)', () => {
    expect(onTimeRate(mixed)).toBe(2 / 5);
  });

  it('is null when no month is decided yet', () => {
    expect(onTimeRate([])).toBeNull();
    expect(onTimeRate(periods({ leaseStart: '2026-02-01', today: '2026-02-03' }))).toBeNull();
  });

  it('summarizes counts, money and the worst lateness', () => {
    expect(summarize(mixed)).toEqual({
      months: 7,
      byStatus: { on_time: 1, late: 1, insufficient: 1, unpaid: 1, paid_outside: 1, not_due: 1, no_data: 1 },
      decidedMonths: 5,
      onTimeMonths: 2,
      onTimeRate: 0.4,
      dueCents: 5 * RENT,
      receivedCents: 4 * RENT - 30_000,
      shortfallCents: 30_000 + RENT,
      mostDaysLate: 9,
    });
    expect(summarize([]).mostDaysLate).toBeNull();
  });

  it('describes each status in plain words', () => {
    expect(mixed.map(describeRentPeriod)).toEqual([
      'Before joining the platform',
      'Paid on time',
      'Late by 9 days',
      '$300.00 short',
      'Unpaid ($1,000.00 due)',
      'Paid outside the platform',
      'Due 2026-06-01',
    ]);
  });
});

describe('input checks', () => {
  it('refuses a due day outside 1 to 31, negative grace or fractional rent', () => {
    expect(() => periods({ dueDay: 0 })).toThrow(/due day/);
    expect(() => periods({ dueDay: 32 })).toThrow(/due day/);
    expect(() => periods({ graceDays: -1 })).toThrow(/Grace/);
    expect(() => periods({ rentCents: 10.5 })).toThrow(/Rent/);
  });
});
