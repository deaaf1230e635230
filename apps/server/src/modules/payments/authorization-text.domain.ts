import { formatDollars } from './payment-rules.domain.ts';

/**
 * The ACH debit authorization a resident accepts, word for word as it is stored and emailed. NACHA's WEB rule
 * asks that it be readily identifiable as an authorization, state its terms clearly (amount, date or timing, the
 * account) and say how to revoke it.
 */
type Common = { holderName: string; companyName: string; accountType: 'checking' | 'savings'; last4: string; acceptedAt: Date; timezone: string };

/** "December 7, 2026", from a calendar date. */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** "December 7, 2026 at 7:30 PM EST": when it was accepted, in the company's time zone. */
function acceptedWhen(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: timezone }).format(at).replace(/\u202f/g, ' ') + ` ${zoneName(at, timezone)}`;
}

const zoneName = (at: Date, timezone: string) => new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'short' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? timezone;

export function oneTimeAuthorizationText(input: Common & { amountCents: number; date: string }): string {
  return [
    'ACH DEBIT AUTHORIZATION (ONE-TIME)',
    `I, ${input.holderName}, authorize ${input.companyName} and its bank to debit my ${input.accountType} account ending ${input.last4} once, for ${formatDollars(input.amountCents)}, on or after ${longDate(input.date)}, for rent.`,
    'If the debit is returned for insufficient funds, it may be presented again as the NACHA rules allow.',
    `I can cancel this payment in RentLedger until it is sent to the bank at the daily cutoff; after that, I must contact ${input.companyName}.`,
    `Accepted online on ${acceptedWhen(input.acceptedAt, input.timezone)}.`,
  ].join('\n');
}

export function autopayAuthorizationText(input: Common & ({ kind: 'fixed'; amountCents: number } | { kind: 'balance'; capCents: number }) & { dayOfMonth: number }): string {
  const amount = input.kind === 'fixed' ? formatDollars(input.amountCents) : `the balance I owe, up to ${formatDollars(input.capCents)}`;
  return [
    'ACH DEBIT AUTHORIZATION (RECURRING)',
    `I, ${input.holderName}, authorize ${input.companyName} and its bank to debit my ${input.accountType} account ending ${input.last4} each month on day ${input.dayOfMonth} (or the next banking day), for ${amount}, for rent, until I cancel.`,
    'When the balance is more than my limit, or nothing is owed, that month is skipped and I am emailed. I am emailed 3 days before each debit with its amount.',
    `I can pause or cancel autopay in RentLedger at any time; a debit already sent to the bank at the daily cutoff goes ahead. I can also revoke this authorization by telling ${input.companyName}.`,
    `Accepted online on ${acceptedWhen(input.acceptedAt, input.timezone)}.`,
  ].join('\n');
}
