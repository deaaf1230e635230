import { describe, expect, it } from 'vitest';
import { describeAlert, markDefaultCents, monthLabel, placeOf } from './alert-words.ts';

const base = { kind: 'overdue' as const, returnCode: null, returnReason: null, receivedCents: 0, shortfallCents: 100000, amountCents: 100000, daysPastGrace: 5 };

describe('alert words', () => {
  it('says what is wrong', () => {
    expect(describeAlert(base)).toBe('Unpaid, 5 days past grace');
    expect(describeAlert({ ...base, daysPastGrace: 1 })).toBe('Unpaid, 1 day past grace');
    expect(describeAlert({ ...base, daysPastGrace: 0 })).toBe('Unpaid');
    expect(describeAlert({ ...base, receivedCents: 88000, shortfallCents: 12000, daysPastGrace: null })).toBe('Short $120.00');
    expect(describeAlert({ ...base, kind: 'returned', returnCode: 'R01', returnReason: 'R01 insufficient funds' })).toBe('Returned: R01 insufficient funds');
  });

  it('starts a mark paid outside at what is owed, for a returned payment at least what was returned', () => {
    expect(markDefaultCents({ kind: 'overdue', shortfallCents: 12000, amountCents: 100000 })).toBe(12000);
    expect(markDefaultCents({ kind: 'returned', shortfallCents: null, amountCents: 42500 })).toBe(42500);
    expect(markDefaultCents({ kind: 'returned', shortfallCents: 10000, amountCents: 42500 })).toBe(42500);
    expect(markDefaultCents({ kind: 'returned', shortfallCents: 185000, amountCents: 42500 })).toBe(185000);
  });

  it('names the month and the place', () => {
    expect(monthLabel('2026-12')).toBe('December 2026');
    expect(placeOf({ propertyName: 'Maple Court', unitLabel: '101' })).toBe('Maple Court · Unit 101');
    expect(placeOf({ propertyName: null, unitLabel: null })).toBe('—');
  });
});
