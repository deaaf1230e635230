import { describe, expect, it } from 'vitest';
import { addMonths, currentDemoRentRoll, demoLeaseDate, demoMonthShift } from './demo-dates.ts';

describe('demo lease dates', () => {
  it('counts whole months from the rent roll month', () => {
    expect(demoMonthShift('2025-12-31')).toBe(0);
    expect(demoMonthShift('2026-12-07')).toBe(12);
    expect(demoMonthShift('2027-02-01')).toBe(14);
  });

  it('keeps month ends at month ends and clamps other days', () => {
    expect(addMonths('2026-02-28', 1)).toBe('2026-03-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-30', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-01', 5)).toBe('2027-01-01');
    expect(addMonths('2027-01-15', -13)).toBe('2025-12-15');
  });

  it('moves the lease columns only and keeps empty lease ends empty', () => {
    const csv = ['property_code,lease_start,lease_end,rent', 'mc01,2025-08-01,2026-07-31,1150.00', 'mc01,2025-02-01,,900.00', ''].join('\n');
    expect(currentDemoRentRoll(csv, '2026-12-07')).toBe(['property_code,lease_start,lease_end,rent', 'mc01,2026-08-01,2027-07-31,1150.00', 'mc01,2026-02-01,,900.00', ''].join('\n'));
    expect(demoLeaseDate('2026-07-31', '2026-03-10')).toBe('2026-10-31');
  });
});
