import { addBankingDays, addCalendarDays, type CalendarDate } from './banking-calendar.domain.ts';

/**
 * What a return code does to the payment's account and to the payments still to come (the table, after
 * NACHA's return reason codes):
 *
 * - `retry` (R01 insufficient funds, R09 uncollected funds): the account stays usable and the payment is presented
 *   again automatically, at most twice within 180 days of the original (NACHA's limit), unless the company turned
 *   retries off;
 * - `disable` (R02 closed, R03 no account, R04 invalid number, R16 frozen, R20 non-transaction account): the
 *   account cannot be debited until the resident enters it again; payments scheduled on it are cancelled;
 * - `block` (R05, R07, R10, R11, R29: the resident or their bank says the debit was not authorized): the account
 *   is blocked, the landlord is alerted, and a new authorization is needed; R07 (authorization revoked) is never
 *   presented again;
 * - every other code: the account is disabled with the code's reason.
 */
export type ReturnAction = 'retry' | 'disable' | 'block';

const RETRY = new Set(['R01', 'R09']);
const DISABLE = new Set(['R02', 'R03', 'R04', 'R16', 'R20']);
const BLOCK = new Set(['R05', 'R07', 'R10', 'R11', 'R29']);
/** Unauthorized returns NACHA counts against the 0.5% threshold. */
export const UNAUTHORIZED_CODES = new Set(['R05', 'R07', 'R10', 'R11', 'R29', 'R51']);
/** Administrative returns, counted against the 3% threshold. */
export const ADMINISTRATIVE_CODES = new Set(['R02', 'R03', 'R04']);
export const RETURN_RATE_THRESHOLDS = { unauthorized: 0.005, administrative: 0.03, overall: 0.15 } as const;
/** The share of a threshold at which the landlord is warned before it is crossed. */
export const RETURN_RATE_WARNING_SHARE = 0.8;

export const MAX_RETRIES = 2;
export const RETRY_WINDOW_DAYS = 180;
/** A retry goes out this many banking days after the return arrived. */
export const RETRY_AFTER_BANKING_DAYS = 3;

export function returnAction(code: string): ReturnAction {
  if (RETRY.has(code)) return 'retry';
  if (BLOCK.has(code)) return 'block';
  if (DISABLE.has(code)) return 'disable';
  return 'disable';
}

/** "R01 insufficient funds": the code and its reason in the words a resident reads. */
export function describeReturn(code: string, reason: string | undefined): string {
  return `${code} ${(reason ?? 'returned by the bank').replace(/^./, (first) => first.toLowerCase())}`;
}

/**
 * Whether a returned payment is presented again, and when: for a retry code, when the company allows it, the
 * chain of tries so far (the original and its retries) is under 1 + 2, and the retry day is within 180 days of
 * the original's date.
 */
export function retryDate(input: { code: string; retriesAllowed: boolean; triesSoFar: number; originalDate: CalendarDate; returnedOn: CalendarDate }): CalendarDate | null {
  if (returnAction(input.code) !== 'retry' || !input.retriesAllowed) return null;
  if (input.triesSoFar >= 1 + MAX_RETRIES) return null;
  const day = addBankingDays(input.returnedOn, RETRY_AFTER_BANKING_DAYS);
  return day <= addCalendarDays(input.originalDate, RETRY_WINDOW_DAYS) ? day : null;
}

/** What the account becomes after a return; a retry code leaves it as it was. */
export function accountStatusAfter(code: string): 'disabled' | 'blocked' | null {
  const action = returnAction(code);
  return action === 'retry' ? null : action === 'block' ? 'blocked' : 'disabled';
}

export type ReturnRates = { debits: number; unauthorized: number; administrative: number; overall: number };
export type ReturnRateLevel = 'ok' | 'warning' | 'over';

/** Each rate against NACHA's threshold: over it, or past 80% of it (warning), or fine. */
export function returnRateLevels(rates: ReturnRates): Record<'unauthorized' | 'administrative' | 'overall', { rate: number; threshold: number; level: ReturnRateLevel }> {
  const level = (rate: number, threshold: number): ReturnRateLevel => (rate > threshold ? 'over' : rate >= threshold * RETURN_RATE_WARNING_SHARE ? 'warning' : 'ok');
  const of = (count: number) => (rates.debits === 0 ? 0 : count / rates.debits);
  const entry = (key: 'unauthorized' | 'administrative' | 'overall') => ({ rate: of(rates[key]), threshold: RETURN_RATE_THRESHOLDS[key], level: level(of(rates[key]), RETURN_RATE_THRESHOLDS[key]) });
  return { unauthorized: entry('unauthorized'), administrative: entry('administrative'), overall: entry('overall') };
}

/**
 * A notification of change, applied to the stored account before its next entry: C01 account number, C02 routing
 * number, C03 both, C05 account type (from the transaction code), C06 account number and type, C07 all three.
 * The corrected data's layout is NACHA's (C03: routing in 1-9, account from 13; C06: account, type code at 21-22;
 * C07: routing 1-9, account 10-26, type code 27-28). Other codes change nothing we store.
 */
export type AccountCorrection = { routingNumber?: string; accountNumber?: string; accountType?: 'checking' | 'savings' };

const typeOfCode = (code: string): 'checking' | 'savings' | undefined => (code.startsWith('2') ? 'checking' : code.startsWith('3') ? 'savings' : undefined);

export function correctionOf(changeCode: string, correctedData: string): AccountCorrection | null {
  const data = correctedData.trimEnd();
  switch (changeCode) {
    case 'C01':
      return { accountNumber: data.trim() };
    case 'C02':
      return { routingNumber: data.slice(0, 9) };
    case 'C03':
      return { routingNumber: data.slice(0, 9), accountNumber: data.slice(12).trim() };
    case 'C05':
      return typeOfCode(data.trim().slice(0, 2)) ? { accountType: typeOfCode(data.trim().slice(0, 2)) } : null;
    case 'C06':
      return { accountNumber: data.slice(0, 17).trim(), ...(typeOfCode(data.slice(20, 22)) ? { accountType: typeOfCode(data.slice(20, 22)) } : {}) };
    case 'C07':
      return { routingNumber: data.slice(0, 9), accountNumber: data.slice(9, 26).trim(), ...(typeOfCode(data.slice(26, 28)) ? { accountType: typeOfCode(data.slice(26, 28)) } : {}) };
    default:
      return null;
  }
}
