import { describe, expect, it } from 'vitest';
import { accountStatusAfter, correctionOf, describeReturn, returnAction, returnRateLevels, retryDate } from './return-codes.domain.ts';

describe('what a return code does', () => {
  it('retries R01 and R09, disables R02-R04, R16, R20 and other codes, blocks the unauthorized ones', () => {
    expect(['R01', 'R09'].map(returnAction)).toEqual(['retry', 'retry']);
    expect(['R02', 'R03', 'R04', 'R16', 'R20', 'R06', 'R14'].map(returnAction)).toEqual(Array(7).fill('disable'));
    expect(['R05', 'R07', 'R10', 'R11', 'R29'].map(returnAction)).toEqual(Array(5).fill('block'));
    expect(accountStatusAfter('R01')).toBeNull();
    expect(accountStatusAfter('R03')).toBe('disabled');
    expect(accountStatusAfter('R10')).toBe('blocked');
    expect(describeReturn('R01', 'Insufficient funds')).toBe('R01 insufficient funds');
  });

  it('retries 3 banking days after the return, at most twice, within 180 days, when the company allows it', () => {
    const base = { code: 'R01', retriesAllowed: true, originalDate: '2026-12-01', returnedOn: '2026-12-04' };
    // Friday 4 December + 3 banking days = Wednesday 9 December.
    expect(retryDate({ ...base, triesSoFar: 1 })).toBe('2026-12-09');
    expect(retryDate({ ...base, triesSoFar: 2 })).toBe('2026-12-09');
    expect(retryDate({ ...base, triesSoFar: 3 })).toBeNull();
    expect(retryDate({ ...base, triesSoFar: 1, retriesAllowed: false })).toBeNull();
    expect(retryDate({ ...base, triesSoFar: 1, code: 'R07' })).toBeNull();
    expect(retryDate({ ...base, triesSoFar: 1, returnedOn: '2027-05-28' })).toBeNull();
  });

  it('weighs return rates against NACHA thresholds, warning past 80%', () => {
    const levels = returnRateLevels({ debits: 1000, unauthorized: 5, administrative: 31, overall: 100 });
    expect(levels.unauthorized).toMatchObject({ rate: 0.005, level: 'warning' });
    expect(levels.administrative.level).toBe('over');
    expect(levels.overall.level).toBe('ok');
    expect(returnRateLevels({ debits: 0, unauthorized: 0, administrative: 0, overall: 0 }).overall.rate).toBe(0);
  });

  it('reads a notification of change into the account fields it corrects', () => {
    expect(correctionOf('C01', '1918171614                   ')).toEqual({ accountNumber: '1918171614' });
    expect(correctionOf('C02', '021000021')).toEqual({ routingNumber: '021000021' });
    expect(correctionOf('C03', '021000021   12345678')).toEqual({ routingNumber: '021000021', accountNumber: '12345678' });
    expect(correctionOf('C05', '32')).toEqual({ accountType: 'savings' });
    expect(correctionOf('C06', '12345678         ' + '   22')).toEqual({ accountNumber: '12345678', accountType: 'checking' });
    expect(correctionOf('C07', '021000021' + '12345678'.padEnd(17) + '37')).toEqual({ routingNumber: '021000021', accountNumber: '12345678', accountType: 'savings' });
    expect(correctionOf('C04', 'NEW NAME')).toBeNull();
  });
});
