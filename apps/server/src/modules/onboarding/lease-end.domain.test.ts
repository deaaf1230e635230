import { describe, expect, it } from 'vitest';
import { calendarDateIn, endDateProblem, endsAtOnce, leaseExpired } from './lease-end.domain.ts';

describe('lease end', () => {
  it('reads today in the company’s time zone, not the server’s', () => {
    const now = new Date('2027-01-01T05:00:00.000Z');
    expect(calendarDateIn('UTC', now)).toBe('2027-01-01');
    expect(calendarDateIn('America/New_York', now)).toBe('2027-01-01');
    expect(calendarDateIn('America/Los_Angeles', now)).toBe('2026-12-31');
    expect(calendarDateIn('Pacific/Honolulu', now)).toBe('2026-12-31');
  });

  it('ends at once on or after the end date, and schedules a later one', () => {
    expect(endsAtOnce('2026-12-30', '2026-12-31')).toBe(true);
    expect(endsAtOnce('2026-12-31', '2026-12-31')).toBe(true);
    expect(endsAtOnce('2027-01-01', '2026-12-31')).toBe(false);
  });

  it('refuses an end before the lease started, naming the start', () => {
    expect(endDateProblem('2025-12-31', '2026-01-01')).toMatch(/before the lease started \(2026-01-01\)/);
    expect(endDateProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(endDateProblem('2020-01-01', null)).toBeNull();
  });
});

describe('expired lease', () => {
  const today = '2026-12-07';
  it('is an approved or current lease whose end date is before today', () => {
    expect(leaseExpired({ status: 'approved', leaseEnd: '2026-12-06', monthToMonth: false }, today)).toBe(true);
    expect(leaseExpired({ status: 'current', leaseEnd: '2025-06-30', monthToMonth: false }, today)).toBe(true);
  });
  it('is not one ending today or later, month-to-month, or of a resident not approved', () => {
    expect(leaseExpired({ status: 'approved', leaseEnd: today, monthToMonth: false }, today)).toBe(false);
    expect(leaseExpired({ status: 'approved', leaseEnd: '2025-06-30', monthToMonth: true }, today)).toBe(false);
    expect(leaseExpired({ status: 'finished', leaseEnd: '2025-06-30', monthToMonth: false }, today)).toBe(false);
    expect(leaseExpired({ status: 'pending', leaseEnd: '2025-06-30', monthToMonth: false }, today)).toBe(false);
  });
});
