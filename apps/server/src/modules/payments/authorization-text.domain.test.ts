import { describe, expect, it } from 'vitest';
import { autopayAuthorizationText, longDate, oneTimeAuthorizationText } from './authorization-text.domain.ts';

const common = { holderName: 'Iris Rossi', companyName: 'Maple Property Management', accountType: 'checking' as const, last4: '1012', acceptedAt: new Date('2026-12-08T00:30:00Z'), timezone: 'America/New_York' };

describe('the ACH debit authorization', () => {
  it('names the amount, the date, the account by its last 4, how to cancel, and when it was accepted, in words', () => {
    const text = oneTimeAuthorizationText({ ...common, amountCents: 132500, date: '2026-12-07' });
    expect(text).toContain('ACH DEBIT AUTHORIZATION (ONE-TIME)');
    expect(text).toContain('debit my checking account ending 1012 once, for $1,325.00, on or after December 7, 2026, for rent');
    expect(text).toContain('until it is sent to the bank at the daily cutoff');
    expect(text).toContain('Accepted online on December 7, 2026 at 7:30 PM EST.');
  });

  it('for autopay, says the day, the amount or the cap, the skips, the reminder and how to revoke', () => {
    const fixed = autopayAuthorizationText({ ...common, kind: 'fixed', amountCents: 185000, dayOfMonth: 1 });
    expect(fixed).toContain('each month on day 1 (or the next banking day), for $1,850.00');
    const balance = autopayAuthorizationText({ ...common, kind: 'balance', capCents: 200000, dayOfMonth: 5 });
    expect(balance).toContain('for the balance I owe, up to $2,000.00');
    expect(balance).toContain('that month is skipped and I am emailed');
    expect(balance).toContain('3 days before each debit');
    expect(balance).toContain('revoke this authorization by telling Maple Property Management');
  });

  it('writes calendar dates out in full', () => {
    expect(longDate('2027-01-01')).toBe('January 1, 2027');
  });
});
