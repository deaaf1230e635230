import { formatDollars } from './payment-rules.domain.ts';

/**
 * The emails payments send. None of them holds an account or routing number: an account is named by its last 4
 * only (a test reads every email of a payment scenario for the numbers).
 */
export type PaymentEmail = { subject: string; text: string; summary: string };

const body = (lines: string[], link: string) => `${lines.join('\n\n')}\n\n${link}\n`;

export function bankAccountRemovedEmail(input: { firstName: string; last4: string; cancelled: { amount_cents: number; scheduled_for: string }[]; autopayCancelled: boolean; link: string }): PaymentEmail {
  const payments = input.cancelled.map((payment) => `- ${formatDollars(payment.amount_cents)} on ${payment.scheduled_for}`);
  const summary = [
    input.cancelled.length > 0 ? `${input.cancelled.length} scheduled ${input.cancelled.length === 1 ? 'payment was' : 'payments were'} cancelled` : null,
    input.autopayCancelled ? 'autopay was turned off' : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const lines = [
    `Hi ${input.firstName},`,
    `You removed the bank account ending ${input.last4}, so ${summary}.`,
    ...(payments.length > 0 ? [`Cancelled:\n${payments.join('\n')}`] : []),
    'Add another account and pay again so your rent is not late.',
  ];
  return { subject: 'Payments on your removed bank account were cancelled', text: body(lines, input.link), summary: `Bank account ending ${input.last4} removed: ${summary}.` };
}

export function authorizationCopyEmail(input: { firstName: string; authorizationText: string; link: string }): PaymentEmail {
  const lines = [`Hi ${input.firstName},`, 'Here is a copy of the ACH debit authorization you accepted. Keep it for your records.', input.authorizationText];
  return { subject: 'Your ACH debit authorization', text: body(lines, input.link), summary: 'A copy of your authorization was emailed to you.' };
}

export function paymentScheduledEmail(input: { firstName: string; amountCents: number; companyName: string; date: string; last4: string; link: string }): PaymentEmail {
  const lines = [
    `Hi ${input.firstName},`,
    `Your payment of ${formatDollars(input.amountCents)} to ${input.companyName} will be debited from the account ending ${input.last4} on or after ${input.date}.`,
    'You can cancel it until it is sent to the bank (at the daily cutoff).',
  ];
  return { subject: `Payment of ${formatDollars(input.amountCents)} scheduled`, text: body(lines, input.link), summary: `${formatDollars(input.amountCents)} on ${input.date}` };
}

export function autopaySkippedEmail(input: { firstName: string; month: string; reason: string; link: string }): PaymentEmail {
  const lines = [`Hi ${input.firstName},`, `Autopay did not pay your rent for ${input.month}: ${input.reason}`, 'If you still owe rent this month, pay it yourself in RentLedger.'];
  return { subject: `Autopay skipped ${input.month}`, text: body(lines, input.link), summary: input.reason };
}

export function autopayReminderEmail(input: { firstName: string; amountCents: number; date: string; last4: string; link: string }): PaymentEmail {
  const lines = [
    `Hi ${input.firstName},`,
    `Autopay will debit ${formatDollars(input.amountCents)} from the account ending ${input.last4} on ${input.date}.`,
    'To change or pause it, open your payments page before then.',
  ];
  return { subject: `Autopay: ${formatDollars(input.amountCents)} on ${input.date}`, text: body(lines, input.link), summary: `${formatDollars(input.amountCents)} on ${input.date}` };
}
