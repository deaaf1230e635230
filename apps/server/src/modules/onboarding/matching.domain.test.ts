import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaroWinkler, MIN_SHOWN_SCORE, nameSimilarity, normalisePhone, rankCandidates, scoreCandidate } from './matching.domain.ts';

const person = { firstName: 'Ann', lastName: 'Lee', email: 'Ann.Lee@Example.com', phone: '(614) 555-0142', unitId: 'u1', propertyId: 'p1' };
const record = { firstName: 'Ann', lastName: 'Lee', emails: ['ann.lee@example.com'], phones: ['614-555-0142'], unitId: 'u1', propertyId: 'p1' };

describe('matching', () => {
  it('scores an email match as strong, ignoring case, and explains why', () => {
    const match = scoreCandidate(person, record);
    expect(match.strong).toBe(true);
    expect(match.reasons).toEqual(['email matches', 'phone matches', 'name matches', 'same unit']);
    expect(match.score).toBe(115);
  });

  it('never calls phone plus a near-identical name strong: a phone is not proven by sign-up', () => {
    const phoneAndName = scoreCandidate({ ...person, email: 'other@example.com' }, record);
    expect(phoneAndName.strong).toBe(false);
    expect(phoneAndName.reasons).toEqual(['phone matches', 'name matches', 'same unit']);
    expect(phoneAndName.score).toBeGreaterThanOrEqual(MIN_SHOWN_SCORE);
    expect(scoreCandidate({ ...person, email: 'other@example.com', firstName: 'Anne' }, record).strong).toBe(false);
    expect(scoreCandidate({ ...person, email: 'other@example.com', firstName: 'Bob' }, record).strong).toBe(false);
    expect(scoreCandidate({ ...person, email: null, phone: null }, record).strong).toBe(false);
  });

  it('tolerates typos and swapped name order', () => {
    expect(nameSimilarity({ firstName: 'Jon', lastName: 'Smyth' }, { firstName: 'John', lastName: 'Smith' })).toBeGreaterThan(0.85);
    expect(nameSimilarity({ firstName: 'Lee', lastName: 'Ann' }, { firstName: 'Ann', lastName: 'Lee' })).toBe(1);
    expect(nameSimilarity({ firstName: 'José', lastName: 'Núñez' }, { firstName: 'Jose', lastName: 'Nunez' })).toBe(1);
  });

  it('normalises phones to their last ten digits', () => {
    expect(normalisePhone('+1 (614) 555-0142')).toBe('6145550142');
    expect(normalisePhone('12')).toBeNull();
  });

  it('hides weak candidates and ranks the rest best first', () => {
    const ranked = rankCandidates({ ...person, email: null, phone: null }, [
      { ...record, firstName: 'Zed', lastName: 'Quinn', id: 'weak' },
      { ...record, firstName: 'Anne', lastName: 'Lee', id: 'similar' },
      { ...record, id: 'same' },
    ]);
    expect(ranked.map((candidate) => candidate.id)).toEqual(['same', 'similar']);
  });

  it('keeps Jaro-Winkler within 0..1 and symmetric-enough for any names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const value = jaroWinkler(a, b);
        return value >= 0 && value <= 1 && (a !== b || a.length === 0 || value === 1);
      }),
    );
  });
});
