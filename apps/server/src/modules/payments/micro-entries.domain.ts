/**
 * Validating a new bank account before its first debit (NACHA's WEB debit rule): two small credits the resident
 * reads off their statement, and one debit of their sum so the company's settlement account comes out even.
 */

/** Wrong answers allowed before the account locks: enough for a typo, too few to guess 2 of 99 amounts. */
export const MICRO_ENTRY_TRIES = 3;

export type MicroCredits = [number, number];

/** A whole number from `low` to `high` inclusive, even if `random` returns exactly 1. */
function pick(random: () => number, low: number, high: number): number {
  const span = high - low + 1;
  return low + Math.min(span - 1, Math.floor(random() * span));
}

/**
 * Two different amounts from 1 to 99 cents. Different, so "the same amount twice" can never be guessed; the second
 * is drawn from the 98 values left, so no retry loop depends on `random`.
 */
export function microEntryAmounts(random: () => number): MicroCredits {
  const first = pick(random, 1, 99);
  const drawn = pick(random, 1, 98);
  return [first, drawn >= first ? drawn + 1 : drawn];
}

/** The debit that takes the two credits back in the same file, so the validation costs the resident nothing. */
export function microEntryDebitCents(credits: readonly [number, number]): number {
  return credits[0] + credits[1];
}

export type MicroEntryOutcome = { outcome: 'verified' | 'wrong' | 'locked'; triesLeft: number };

/**
 * The resident's answer, in either order. `triesSoFar` counts earlier wrong answers; the third wrong one locks
 * the account, and a locked account stays locked whatever is typed (only the landlord can help).
 */
export function checkMicroEntryConfirmation(expected: readonly [number, number], given: readonly [number, number], triesSoFar: number): MicroEntryOutcome {
  if (triesSoFar >= MICRO_ENTRY_TRIES) return { outcome: 'locked', triesLeft: 0 };
  const [a, b] = expected;
  const [x, y] = given;
  const matches = (a === x && b === y) || (a === y && b === x);
  if (matches) return { outcome: 'verified', triesLeft: MICRO_ENTRY_TRIES - triesSoFar };
  const triesLeft = MICRO_ENTRY_TRIES - (triesSoFar + 1);
  return triesLeft === 0 ? { outcome: 'locked', triesLeft: 0 } : { outcome: 'wrong', triesLeft };
}
