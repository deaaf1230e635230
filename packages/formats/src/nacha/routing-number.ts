// ABA routing numbers: 8 digits identifying the bank, then a check digit.

const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7] as const;

/** The check digit of a routing number's first 8 digits: round the weighted sum up to a multiple of 10, minus the sum. */
export function abaCheckDigit(first8: string): number {
  if (!/^\d{8}$/.test(first8)) throw new RangeError(`a routing number's first 8 characters must be digits: "${first8}"`);
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(first8[i]) * (WEIGHTS[i] ?? 0);
  return (10 - (sum % 10)) % 10;
}

/** True for 9 digits whose last is the check digit of the first 8: for routing numbers typed by users. */
export function isValidRoutingNumber(nine: string): boolean {
  if (!/^\d{9}$/.test(nine)) return false;
  return abaCheckDigit(nine.slice(0, 8)) === Number(nine[8]);
}
