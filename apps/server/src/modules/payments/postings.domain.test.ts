import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf, MAX_ATTEMPTS, nextAttemptAfterFailure, postingSystemFor, scrubError } from './postings.domain.ts';

describe('postings rules', () => {
  it('backs off 1 min, 5 min, 30 min, 2 h, 12 h, then gives up', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const waits = [1, 2, 3, 4, 5].map((attempt) => (nextAttemptAfterFailure(attempt, now)?.getTime() ?? 0) - now.getTime());
    expect(waits).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 43_200_000]);
    expect(nextAttemptAfterFailure(MAX_ATTEMPTS, now)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(6);
  });

  it('posts API companies to their API, file companies to the receipts file, and no one else', () => {
    expect(postingSystemFor('buildium', 'api')).toBe('buildium');
    expect(postingSystemFor('yardi', 'api')).toBe('yardi');
    expect(postingSystemFor('csv', 'file')).toBe('receipts_file');
    expect(postingSystemFor('mits', 'file')).toBe('receipts_file');
    expect(postingSystemFor(null, 'file')).toBe('receipts_file');
    expect(postingSystemFor('none', 'none')).toBeNull();
  });

  it('keys a payment and its reversal apart, in 30 characters', () => {
    const id = '0f8e2b7c-1234-4abc-9def-0123456789ab';
    expect(idempotencyKeyOf(id, 'payment')).toHaveLength(30);
    expect(idempotencyKeyOf(id, 'payment')).not.toBe(idempotencyKeyOf(id, 'reversal'));
  });

  it('masks long digit runs, drops control characters and bounds the message', () => {
    expect(scrubError('Account 123456789012 refused\n\tby bank')).toBe('Account ••••9012 refused by bank');
    expect(scrubError('x'.repeat(900))).toHaveLength(500);
    expect(scrubError('   ')).toBe('Unknown error');
  });

  it('masks digit runs of 4 or more, with spaces or dashes inside, and reads a bounded part of a huge echo', () => {
    expect(scrubError('Account 1234 5678 9012 refused')).toBe('Account ••••9012 refused');
    expect(scrubError('Routing 021-000-021 invalid')).toBe('Routing ••••0021 invalid');
    expect(scrubError('Last four 6789, PIN 12345, ssn 123-45-6789')).toBe('Last four ••••, PIN ••••, ssn ••••6789');
    expect(scrubError('HTTP 500 from lease 12')).toBe('HTTP 500 from lease 12');
    // The posting's own reference is what the landlord looks for: kept, while a number beside it is not.
    expect(scrubError('look for reference P0f8e2b7c12344abc9def0123456789 (account 123456789)', ['P0f8e2b7c12344abc9def0123456789'])).toBe('look for reference P0f8e2b7c12344abc9def0123456789 (account ••••6789)');
    const echoed = `<Fault>${'<AccountNumber>123456789</AccountNumber>'.repeat(50_000)}</Fault>`;
    const scrubbed = scrubError(echoed);
    expect(scrubbed).toHaveLength(500);
    expect(scrubbed).not.toContain('12345');
  });
});
