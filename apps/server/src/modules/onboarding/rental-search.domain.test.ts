import { describe, expect, it } from 'vitest';
import { oneEditAway, parseRentalQuery, rentalPlace, typedUnit } from './rental-search.domain.ts';

describe('parseRentalQuery', () => {
  it('spells out street abbreviations and keeps the unit typed after a unit word apart', () => {
    expect(parseRentalQuery('mapel ave 12').text).toBe('mapel avenue 12');
    expect(parseRentalQuery('455 Riverside Dr., Apt 4B')).toMatchObject({ text: '455 riverside drive', unit: '4b', numbers: ['455'] });
    expect(parseRentalQuery('  Oak   Hollow Ln #7 ')).toMatchObject({ text: 'oak hollow lane', unit: '7' });
    expect(parseRentalQuery('78 oak hollow lane unit#3')).toMatchObject({ text: '78 oak hollow lane', unit: '3' });
    expect(parseRentalQuery('12 maple ave').unit).toBeNull();
  });

  it('accepts a word spelt right, abbreviated either way, or one edit away when it is long enough', () => {
    const query = parseRentalQuery('mapel ave 12 oak');
    expect(query.words[0]).toEqual(expect.arrayContaining(['mapel', 'maple']));
    expect(query.words[1]).toEqual(expect.arrayContaining(['avenue', 'ave', 'av']));
    expect(query.words[2]).toEqual(['12']);
    expect(query.words[3]).toEqual(['oak']);
    expect(query.exactWords).toEqual([['mapel'], ['avenue', 'ave', 'av'], ['12'], ['oak']]);
  });

  it('takes one token with a letter in it as a possible property code', () => {
    expect(parseRentalQuery(' MC ').code).toBe('mc');
    expect(parseRentalQuery('bsf').code).toBe('bsf');
    expect(parseRentalQuery('rc-02').code).toBe('rc-02');
    expect(parseRentalQuery('12').code).toBeNull();
    expect(parseRentalQuery('maple court').code).toBeNull();
    expect(parseRentalQuery('mc_%').code).toBeNull();
  });
});

describe('oneEditAway', () => {
  it('reaches a swapped, missing, extra or changed letter, never the word itself', () => {
    expect(oneEditAway('brich')).toContain('birch');
    expect(oneEditAway('mapel')).toContain('maple');
    expect(oneEditAway('mapl')).toContain('maple');
    expect(oneEditAway('maaple')).toContain('maple');
    expect(oneEditAway('mople')).toContain('maple');
    expect(oneEditAway('maple')).not.toContain('maple');
    expect(oneEditAway('brich')).not.toContain('birth');
  });

  it('keeps the word’s own letters beyond a-z', () => {
    expect(oneEditAway('cafe')).not.toContain('café');
    expect(oneEditAway('cafée')).toContain('café');
  });
});

describe('typedUnit', () => {
  const units = [{ label: '101' }, { label: 'B2' }, { label: '3' }];
  it('finds the unit without case, dashes or leading zeros, and nothing when the property has no such unit', () => {
    expect(typedUnit(units, '101')).toEqual({ label: '101' });
    expect(typedUnit(units, 'b-2')).toEqual({ label: 'B2' });
    expect(typedUnit(units, '03')).toEqual({ label: '3' });
    expect(typedUnit(units, '4')).toBeNull();
    expect(typedUnit(units, null)).toBeNull();
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
