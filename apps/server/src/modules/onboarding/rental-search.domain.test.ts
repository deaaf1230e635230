import { describe, expect, it } from 'vitest';
import { normaliseSearch } from './rental-search.domain.ts';

describe('normaliseSearch', () => {
  it('spells out street abbreviations and drops unit words', () => {
    expect(normaliseSearch('mapel ave 12')).toBe('mapel avenue 12');
    expect(normaliseSearch('455 Riverside Dr., Apt 4B')).toBe('455 riverside drive');
    expect(normaliseSearch('  Oak   Hollow Ln #7 ')).toBe('oak hollow lane 7');
  });
});
