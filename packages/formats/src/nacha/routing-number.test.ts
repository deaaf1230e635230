import { describe, expect, it } from 'vitest';
import { abaCheckDigit, isValidRoutingNumber } from './index.ts';

describe('routing numbers', () => {
  it('calculates the check digit with weights 3, 7, 1 (the fixtures’ routing numbers)', () => {
    expect(abaCheckDigit('23138010')).toBe(4);
    expect(abaCheckDigit('12104288')).toBe(2);
    expect(abaCheckDigit('05320001')).toBe(9);
    expect(abaCheckDigit('09140060')).toBe(6);
    // A weighted sum that is already a multiple of 10 gives 0, not 10.
    expect(abaCheckDigit('00000000')).toBe(0);
    expect(abaCheckDigit('01100001')).toBe(5);
  });

  it('accepts routing numbers whose 9th digit is the check digit', () => {
    expect(isValidRoutingNumber('231380104')).toBe(true);
    expect(isValidRoutingNumber('121042882')).toBe(true);
    expect(isValidRoutingNumber('011000015')).toBe(true);
    expect(isValidRoutingNumber('231380105')).toBe(false);
  });

  it('refuses what is not 9 digits', () => {
    expect(isValidRoutingNumber('23138010')).toBe(false);
    expect(isValidRoutingNumber('2313801040')).toBe(false);
    expect(isValidRoutingNumber(' 23138010')).toBe(false);
    expect(isValidRoutingNumber('23138010a')).toBe(false);
    expect(() => abaCheckDigit('2313801')).toThrow(RangeError);
  });
});
