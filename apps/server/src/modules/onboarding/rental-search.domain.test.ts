import { describe, expect, it } from 'vitest';
import { normaliseSearch, rentalPlace } from './rental-search.domain.ts';

describe('normaliseSearch', () => {
  it('spells out street abbreviations and drops unit words', () => {
    expect(normaliseSearch('mapel ave 12')).toBe('mapel avenue 12');
    expect(normaliseSearch('455 Riverside Dr., Apt 4B')).toBe('455 riverside drive');
    expect(normaliseSearch('  Oak   Hollow Ln #7 ')).toBe('oak hollow lane 7');
  });
});

describe('rentalPlace', () => {
  it('names the property and the unit, whichever is known', () => {
    expect(rentalPlace('Maple Court', '4B')).toBe('Maple Court, unit 4B');
    expect(rentalPlace('Maple Court', null)).toBe('Maple Court');
    expect(rentalPlace(null, '4B')).toBe('unit 4B');
    expect(rentalPlace(null, null)).toBe('your rental');
  });
});
