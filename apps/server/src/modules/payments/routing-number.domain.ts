/**
 * Bank numbers as a resident types them: routing numbers checked the way the banks do (the ABA check digit and
 * the Federal Reserve's prefixes) so a typo is caught on the form, not a day later as an R03/R04 return.
 */

export type RoutingNumberCheck = { ok: true; routingNumber: string } | { ok: false; message: string };
export type AccountNumberCheck = { ok: true; accountNumber: string } | { ok: false; message: string };

/** People copy numbers with spaces or dashes between groups: those are not part of the number. */
const withoutSeparators = (text: string) => text.replace(/[\s-]/g, '');

const CHECK_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1] as const;

/** The ABA checksum: the digits weighted 3, 7, 1, 3, 7, 1, 3, 7, 1 sum to a multiple of 10. */
export function hasValidCheckDigit(nineDigits: string): boolean {
  const sum = [...nineDigits].reduce((total, digit, index) => total + Number(digit) * (CHECK_WEIGHTS[index] ?? 0), 0);
  return sum % 10 === 0;
}

/**
 * The first two digits: 00 (the U.S. Government), 01-12 (the twelve Federal Reserve districts), 21-32 (thrifts in
 * those districts), 61-72 (electronic transactions) and 80 (traveler's cheques). Anything else no bank uses.
 */
export function hasValidPrefix(nineDigits: string): boolean {
  const prefix = Number(nineDigits.slice(0, 2));
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
}

export function checkRoutingNumber(text: string): RoutingNumberCheck {
  const routingNumber = withoutSeparators(text);
  if (routingNumber === '') return { ok: false, message: 'Enter the routing number: the 9 digits at the bottom left of a check' };
  if (!/^\d+$/.test(routingNumber)) return { ok: false, message: 'A routing number has only digits' };
  if (routingNumber.length !== 9) return { ok: false, message: `A routing number has 9 digits; this one has ${routingNumber.length}` };
  // Nine zeros pass both checks below, yet name no bank: a placeholder left in the form.
  if (/^0+$/.test(routingNumber)) return { ok: false, message: 'A routing number is not all zeros: check for a typo' };
  if (!hasValidCheckDigit(routingNumber)) return { ok: false, message: 'This routing number’s check digit is wrong: check for a typo' };
  if (!hasValidPrefix(routingNumber)) return { ok: false, message: 'No bank uses a routing number starting with these two digits: check for a typo' };
  return { ok: true, routingNumber };
}

/**
 * The account number: NACHA's DFI Account Number field holds up to 17 characters; we take digits only (what U.S.
 * banks print on checks) and at least 4, so the last 4 shown to the resident are all theirs.
 */
export const ACCOUNT_NUMBER_LENGTH = { min: 4, max: 17 } as const;

export function checkAccountNumber(text: string): AccountNumberCheck {
  const accountNumber = withoutSeparators(text);
  if (accountNumber === '') return { ok: false, message: 'Enter the account number' };
  if (!/^\d+$/.test(accountNumber)) return { ok: false, message: 'An account number has only digits' };
  if (accountNumber.length < ACCOUNT_NUMBER_LENGTH.min || accountNumber.length > ACCOUNT_NUMBER_LENGTH.max) {
    return { ok: false, message: `An account number has ${ACCOUNT_NUMBER_LENGTH.min} to ${ACCOUNT_NUMBER_LENGTH.max} digits; this one has ${accountNumber.length}` };
  }
  if (/^0+$/.test(accountNumber)) return { ok: false, message: 'An account number is not all zeros: check for a typo' };
  return { ok: true, accountNumber };
}

/** The last 4 characters, the only part of a number ever shown back (separators dropped first). */
export function last4(accountNumber: string): string {
  return withoutSeparators(accountNumber).slice(-4);
}
