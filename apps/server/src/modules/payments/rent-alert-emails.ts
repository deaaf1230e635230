import { formatDollars } from './payment-rules.domain.ts';
import { describeAlert, type AlertFacts, monthName } from './rent-alerts.domain.ts';

/** The emails rent alerts send (to staff, and reminders to residents). No account or routing number is in any. */
export type AlertEmail = { subject: string; text: string };

const body = (lines: string[], link: string) => `${lines.join('\n\n')}\n\n${link}\n`;

type Named = AlertFacts & { residentName: string; unitLabel: string | null; propertyName: string | null };

const where = (alert: Pick<Named, 'unitLabel' | 'propertyName'>) => [alert.propertyName, alert.unitLabel ? `unit ${alert.unitLabel}` : null].filter(Boolean).join(', ');

/** To a staff user on `immediate`, when a month passes its grace unpaid or short. */
export function overdueAlertEmail(input: { firstName: string; alert: Named; link: string }): AlertEmail {
  const { alert } = input;
  const place = where(alert);
  const lines = [
    `Hi ${input.firstName},`,
    `${alert.residentName}${place ? ` (${place})` : ''}: rent for ${monthName(alert.month)} is past its grace period. ${describeAlert(alert)}: ${formatDollars(alert.dueCents ?? 0)} due, ${formatDollars(alert.receivedCents ?? 0)} received.`,
    'Send a reminder or mark it paid outside RentLedger under Payments needing attention.',
  ];
  return { subject: `Rent ${alert.receivedCents ? 'short' : 'unpaid'}: ${alert.residentName}, ${monthName(alert.month)}`, text: body(lines, input.link) };
}

/**
 * One email a day for a staff user on `daily_digest`: the alerts raised since the last one. `total` is how many
 * that is when only the first of them are listed (the rest are counted: "and 12 more").
 */
export function alertDigestEmail(input: { firstName: string; companyName?: string; alerts: Named[]; total?: number; link: string }): AlertEmail {
  const items = input.alerts.map((alert) => `- ${alert.residentName}${where(alert) ? ` (${where(alert)})` : ''}, ${monthName(alert.month)}: ${describeAlert(alert)}`);
  const count = Math.max(input.total ?? 0, input.alerts.length);
  const more = count - input.alerts.length;
  if (more > 0) items.push(`- and ${more} more: see them all under Payments needing attention`);
  const lines = [`Hi ${input.firstName},`, `${count} ${count === 1 ? 'payment needs' : 'payments need'} your attention since your last digest:`, items.join('\n')];
  return { subject: `Payments needing attention: ${count} new`, text: body(lines, input.link) };
}

/** The resident's reminder before the due date, when nothing is scheduled. */
export function beforeDueReminderEmail(input: { firstName: string; month: string; owedCents: number; dueDate: string; link: string }): AlertEmail {
  const lines = [
    `Hi ${input.firstName},`,
    `Your rent for ${monthName(input.month)} of ${formatDollars(input.owedCents)} is due on ${input.dueDate}, and no payment is scheduled.`,
    'Pay it, or set up autopay, in RentLedger.',
  ];
  return { subject: `Rent of ${formatDollars(input.owedCents)} due ${input.dueDate}`, text: body(lines, input.link) };
}

/** The landlord's "Send reminder". */
export function landlordReminderEmail(input: { firstName: string; companyName: string; month: string; owedCents: number; dueDate: string; late: boolean; link: string }): AlertEmail {
  const lines = [
    `Hi ${input.firstName},`,
    `${input.companyName} reminds you that ${formatDollars(input.owedCents)} of your rent for ${monthName(input.month)} ${input.late ? `was due on ${input.dueDate} and has not arrived` : `is due on ${input.dueDate}`}.`,
    'Pay it in RentLedger, or contact your landlord if you already paid another way.',
  ];
  return { subject: `Reminder: rent for ${monthName(input.month)}`, text: body(lines, input.link) };
}
