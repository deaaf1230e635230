import { describe, expect, it } from 'vitest';
import { CHANGE_REASONS, RETURN_REASONS, changeReason, returnReason } from './index.ts';

describe('return and change codes', () => {
  it('explain the common return reasons in plain language', () => {
    expect(returnReason('R01')).toBe('Insufficient funds');
    expect(returnReason('R02')).toBe('Account closed');
    expect(returnReason('R03')).toBe('No account or unable to locate account');
    expect(returnReason('R09')).toBe('Uncollected funds');
    expect(returnReason('R10')).toMatch(/not authorized/);
    expect(returnReason('R99')).toBeUndefined();
    for (let code = 1; code <= 47; code += 1) expect(RETURN_REASONS, `R${code}`).toHaveProperty(`R${String(code).padStart(2, '0')}`);
    expect(RETURN_REASONS).toHaveProperty('R85');
  });

  it('explain every change code C01-C13', () => {
    expect(changeReason('C01')).toBe('Incorrect bank account number');
    expect(changeReason('C02')).toBe('Incorrect routing number');
    for (let code = 1; code <= 13; code += 1) expect(CHANGE_REASONS).toHaveProperty(`C${String(code).padStart(2, '0')}`);
    expect(changeReason('C14')).toBeUndefined();
  });
});
