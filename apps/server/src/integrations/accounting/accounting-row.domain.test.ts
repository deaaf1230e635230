import { describe, expect, it } from 'vitest';
import { createDuplicateGuard, normalisePostalCode, parseDate, parseMoney, parseStatus, toAccountingRow } from './accounting-row.domain.ts';

describe('parseDate', () => {
  it('reads ISO and US dates and rejects impossible ones', () => {
    expect(parseDate('2025-02-28')).toBe('2025-02-28');
    expect(parseDate('2/3/2025')).toBe('2025-02-03');
    expect(parseDate('2025-01-05T00:00:00')).toBe('2025-01-05');
    expect(parseDate('')).toBeNull();
    expect(parseDate('0001-01-01')).toBeNull();
    expect(parseDate('13/45/2024')).toBeUndefined();
    expect(parseDate('2025-02-30')).toBeUndefined();
    expect(parseDate('next week')).toBeUndefined();
  });
});

describe('parseMoney', () => {
  it('reads plain, dollar, thousands and negative amounts to cents', () => {
    expect(parseMoney('1234.56')).toBe(123456);
    expect(parseMoney('$1,234.5')).toBe(123450);
    expect(parseMoney('-50')).toBe(-5000);
    expect(parseMoney('(75.00)')).toBe(-7500);
    expect(parseMoney(' ')).toBeNull();
    expect(parseMoney('abc')).toBeUndefined();
    expect(parseMoney('1,23.00')).toBeUndefined();
    expect(parseMoney('12.345')).toBeUndefined();
  });
});

describe('parseStatus and normalisePostalCode', () => {
  it('maps status words and pads ZIP codes', () => {
    expect(parseStatus('Current')).toBe('current');
    expect(parseStatus('former resident')).toBe('past');
    expect(parseStatus('evicted')).toBeUndefined();
    expect(normalisePostalCode('2134')).toBe('02134');
    expect(normalisePostalCode('43215-1234')).toBe('43215-1234');
    expect(normalisePostalCode('ABCDE')).toBeUndefined();
  });
});

describe('toAccountingRow', () => {
  const base = { property_code: 'mc01', resident_id: 't001', first_name: 'Ann', last_name: 'Lee', rent: '1200', status: 'current' };

  it('normalises a good record', () => {
    const [item] = toAccountingRow(2, { ...base, email: 'Ann@Example.com; ann2@example.com', state: 'oh', postal_code: '43215' });
    expect(item).toMatchObject({ kind: 'row', row: { row: 2, emails: ['ann@example.com', 'ann2@example.com'], rentCents: 120000, state: 'OH' } });
  });

  it('names every bad field of a record', () => {
    const items = toAccountingRow(7, { ...base, resident_id: '', lease_start: '2025-06-01', lease_end: '2025-01-01', rent: '-5', status: 'evicted' });
    expect(items.map((item) => (item.kind === 'error' ? item.error.field : 'row'))).toEqual(['resident_id', 'lease_end', 'rent', 'status']);
    expect(items.every((item) => item.kind === 'error' && item.error.row === 7)).toBe(true);
  });

  it('reports a repeated resident ID, keeping the first', () => {
    const guard = createDuplicateGuard();
    const first = guard(toAccountingRow(2, base)[0]!);
    const second = guard(toAccountingRow(9, base)[0]!);
    expect(first.kind).toBe('row');
    expect(second).toEqual({ kind: 'error', error: { row: 9, field: 'resident_id', message: 'Resident ID t001 already appears on row 2' } });
  });
});
