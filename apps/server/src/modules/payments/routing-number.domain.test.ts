import { describe, expect, it } from 'vitest';
import { checkAccountNumber, checkRoutingNumber, hasValidCheckDigit, hasValidPrefix, last4 } from './routing-number.domain.ts';

/** A 9-digit routing number with the given first 8 digits and the check digit that makes it valid. */
function withCheckDigit(eight: string): string {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7];
  const sum = [...eight].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return `${eight}${(10 - (sum % 10)) % 10}`;
}

describe('routing number', () => {
  it('takes real routing numbers', () => {
    for (const number of ['021000021', '011000015', '121000358', '322271627', '026009593', '111000025', '071000013']) {
      expect(checkRoutingNumber(number)).toEqual({ ok: true, routingNumber: number });
    }
  });

  it('drops spaces and dashes', () => {
    expect(checkRoutingNumber(' 0210-0002 1 ')).toEqual({ ok: true, routingNumber: '021000021' });
    expect(checkRoutingNumber('021\t000\u00a0021')).toEqual({ ok: true, routingNumber: '021000021' });
  });

  it('needs exactly 9 digits', () => {
    expect(checkRoutingNumber('02100002')).toEqual({ ok: false, message: 'A routing number has 9 digits; this one has 8' });
    expect(checkRoutingNumber('0210000210')).toEqual({ ok: false, message: 'A routing number has 9 digits; this one has 10' });
    expect(checkRoutingNumber('')).toMatchObject({ ok: false, message: expect.stringMatching(/Enter the routing number/) });
    expect(checkRoutingNumber('   ')).toMatchObject({ ok: false, message: expect.stringMatching(/Enter the routing number/) });
  });

  it('takes digits only', () => {
    expect(checkRoutingNumber('02100002A')).toEqual({ ok: false, message: 'A routing number has only digits' });
    expect(checkRoutingNumber('021.000.021')).toEqual({ ok: false, message: 'A routing number has only digits' });
    expect(checkRoutingNumber('٠٢١٠٠٠٠٢١')).toEqual({ ok: false, message: 'A routing number has only digits' }); // Arabic-Indic digits
  });

  it('catches a typo by the check digit: one digit changed, or two swapped', () => {
    const wrong = { ok: false, message: 'This routing number’s check digit is wrong: check for a typo' };
    expect(checkRoutingNumber('021000022')).toEqual(wrong);
    expect(checkRoutingNumber('021000012')).toEqual(wrong); // last two swapped
    expect(checkRoutingNumber('121000359')).toEqual(wrong);
  });

  it('refuses nine zeros, which pass the arithmetic', () => {
    expect(checkRoutingNumber('000000000')).toEqual({ ok: false, message: 'A routing number is not all zeros: check for a typo' });
  });

  it('refuses a first two digits no bank uses, even with a good check digit', () => {
    for (const prefix of ['13', '20', '33', '60', '73', '79', '81', '99']) {
      const number = withCheckDigit(`${prefix}000000`);
      expect(hasValidCheckDigit(number)).toBe(true);
      expect(checkRoutingNumber(number)).toEqual({ ok: false, message: 'No bank uses a routing number starting with these two digits: check for a typo' });
    }
  });

  it('takes every prefix the Federal Reserve assigns', () => {
    for (const prefix of ['00', '01', '12', '21', '32', '61', '72', '80']) {
      const number = withCheckDigit(`${prefix}100000`);
      expect(hasValidPrefix(number)).toBe(true);
      expect(checkRoutingNumber(number)).toEqual({ ok: true, routingNumber: number });
    }
  });
});

describe('account number', () => {
  it('takes 4 to 17 digits, dropping spaces and dashes', () => {
    expect(checkAccountNumber('1234')).toEqual({ ok: true, accountNumber: '1234' });
    expect(checkAccountNumber('12345678901234567')).toEqual({ ok: true, accountNumber: '12345678901234567' });
    expect(checkAccountNumber('0012-3456 789')).toEqual({ ok: true, accountNumber: '00123456789' });
  });

  it('refuses too short or too long, saying how many it has', () => {
    expect(checkAccountNumber('123')).toEqual({ ok: false, message: 'An account number has 4 to 17 digits; this one has 3' });
    expect(checkAccountNumber('123456789012345678')).toEqual({ ok: false, message: 'An account number has 4 to 17 digits; this one has 18' });
  });

  it('refuses letters and other characters, an empty field, and all zeros', () => {
    expect(checkAccountNumber('1234A567')).toEqual({ ok: false, message: 'An account number has only digits' });
    expect(checkAccountNumber('')).toEqual({ ok: false, message: 'Enter the account number' });
    expect(checkAccountNumber('0000000')).toMatchObject({ ok: false, message: expect.stringMatching(/all zeros/) });
  });
});

describe('last 4', () => {
  it('shows only the last 4 characters', () => {
    expect(last4('00123456789')).toBe('6789');
    expect(last4('1234')).toBe('1234');
    expect(last4('12-34 5678')).toBe('5678');
  });
});
