import type { PostingSystem } from '@rentledger/contracts';

/**
 * Rules of posting payments back to the accounting system (issue 13), pure.
 *
 * - A settled payment gets one `payment` posting to the company's system; a payment returned after its posting
 *   was posted gets one `reversal` posting; one returned before it was ever posted is not posted at all (its
 *   posting is `cancelled`), so the ledger never sees money that did not stay.
 * - A failed attempt is tried again after 1 min, 5 min, 30 min, 2 h and 12 h; the sixth failure leaves it
 *   `failed`, counted under Incomplete Tasks until the landlord retries it.
 */

/** Waits before the 2nd, 3rd, ... 6th attempt. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000, 12 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** After a failed attempt number `attempts` (1-based): when to try again, or null once the last try has failed. */
export function nextAttemptAfterFailure(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** The system a company's postings go to, from its accounting connection; null: nothing to post to. */
export function postingSystemFor(provider: string | null, integrationKind: string): PostingSystem | null {
  if (provider === 'buildium' || provider === 'yardi') return provider;
  if (provider === 'csv' || provider === 'mits' || (provider === null && integrationKind === 'file')) return 'receipts_file';
  return null;
}

/** The key sent to the provider: 30 characters (Buildium's ReferenceNumber limit), one per payment and kind. */
export function idempotencyKeyOf(paymentId: string, kind: 'payment' | 'reversal'): string {
  return `${kind === 'payment' ? 'P' : 'R'}${paymentId.replaceAll('-', '').slice(0, 29)}`;
}

export const LAST_ERROR_MAX = 500;

/** Longest message read: a provider fault may echo the whole request; the rest is cut before any work on it. */
const SCRUB_INPUT_MAX = 4 * LAST_ERROR_MAX;

/**
 * A provider's message as stored and shown: any run of 4 or more digits, spaces and dashes allowed between them
 * (an account, routing or card number written as 1234 5678 or 123-456-789), masked whole (8 digits or more keep
 * their last 4); control characters dropped, whitespace folded, at most 500 characters. The input is cut to
 * 2,000 characters first, so the work is bounded whatever a fault echoes.
 */
export function scrubError(message: string, keep: readonly string[] = []): string {
  // Our own references (a posting's idempotency keys, hex that can hold digit runs) are what a landlord looks for: kept whole.
  const kept = keep.filter((token) => token.length > 0);
  let text = message.slice(0, SCRUB_INPUT_MAX).replace(/[\ue000\ue001]/g, '');
  kept.forEach((token, index) => {
    text = text.replaceAll(token, `\ue000${index}\ue001`);
  });
  const cleaned = text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\d(?:[ -]?\d){3,}/g, (run) => {
      const digits = run.replace(/\D/g, '');
      return digits.length >= 8 ? `••••${digits.slice(-4)}` : '••••';
    })
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\ue000(\d+)\ue001/g, (_, index: string) => kept[Number(index)] ?? '');
  return cleaned.length > LAST_ERROR_MAX ? `${cleaned.slice(0, LAST_ERROR_MAX - 1)}…` : cleaned || 'Unknown error';
}
