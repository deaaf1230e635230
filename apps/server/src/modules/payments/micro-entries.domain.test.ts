import { describe, expect, it } from 'vitest';
import { checkMicroEntryConfirmation, microEntryAmounts, microEntryDebitCents } from './micro-entries.domain.ts';

/** A `random` that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let next = 0;
  return () => values[next++ % values.length] ?? 0;
};

describe('micro-entry amounts', () => {
  it('draws two amounts from 1 to 99 cents', () => {
    expect(microEntryAmounts(sequence(0.5, 0.25))).toEqual([50, 25]);
  });

  it('debits the sum of the two credits', () => {
    expect(microEntryDebitCents([50, 25])).toBe(75);
    expect(microEntryDebitCents([99, 98])).toBe(197);
  });

  it('reaches both ends, even when random returns exactly 1', () => {
    expect(microEntryAmounts(sequence(0, 0))).toEqual([1, 2]);
    expect(microEntryAmounts(sequence(0.999999, 0.999999))).toEqual([99, 98]);
    expect(microEntryAmounts(sequence(1, 1))).toEqual([99, 98]);
  });

  it('never draws the same amount twice', () => {
    // The second draw lands on the first amount's value: it moves up one.
    expect(microEntryAmounts(sequence(0.5, 49.5 / 98))).toEqual([50, 51]);
    for (let seed = 0; seed < 2_000; seed += 1) {
      const random = sequence(((seed * 7919) % 1000) / 1000, ((seed * 104729) % 997) / 997);
      const [a, b] = microEntryAmounts(random);
      expect(a).not.toBe(b);
      for (const amount of [a, b]) {
        expect(Number.isInteger(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(1);
        expect(amount).toBeLessThanOrEqual(99);
      }
    }
  });

  it('works with Math.random', () => {
    const [a, b] = microEntryAmounts(Math.random);
    expect(a).not.toBe(b);
  });
});

describe('micro-entry confirmation', () => {
  it('verifies the amounts in either order', () => {
    expect(checkMicroEntryConfirmation([12, 34], [12, 34], 0)).toEqual({ outcome: 'verified', triesLeft: 3 });
    expect(checkMicroEntryConfirmation([12, 34], [34, 12], 2)).toEqual({ outcome: 'verified', triesLeft: 1 });
  });

  it('counts down wrong answers and locks on the third', () => {
    expect(checkMicroEntryConfirmation([12, 34], [12, 35], 0)).toEqual({ outcome: 'wrong', triesLeft: 2 });
    expect(checkMicroEntryConfirmation([12, 34], [34, 34], 1)).toEqual({ outcome: 'wrong', triesLeft: 1 });
    expect(checkMicroEntryConfirmation([12, 34], [1, 2], 2)).toEqual({ outcome: 'locked', triesLeft: 0 });
  });

  it('needs both amounts: one right is still wrong', () => {
    expect(checkMicroEntryConfirmation([12, 12 + 1], [12, 12], 0)).toEqual({ outcome: 'wrong', triesLeft: 2 });
  });

  it('stays locked after three wrong tries, even for the right amounts', () => {
    expect(checkMicroEntryConfirmation([12, 34], [12, 34], 3)).toEqual({ outcome: 'locked', triesLeft: 0 });
    expect(checkMicroEntryConfirmation([12, 34], [12, 34], 4)).toEqual({ outcome: 'locked', triesLeft: 0 });
  });
});
