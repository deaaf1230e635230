import { describe, expect, it } from 'vitest';
import { possessive } from './format.ts';

describe('possessive', () => {
  it("adds 's, or the apostrophe alone after an s", () => {
    expect(possessive('Maple')).toBe('Maple’s');
    expect(possessive('Birch Rentals')).toBe('Birch Rentals’');
    expect(possessive('OAK HOMES')).toBe('OAK HOMES’');
    expect(possessive('  Cedar  ')).toBe('Cedar’s');
  });
});
