import type { PaymentAlert } from '@rentledger/contracts';
import { formatMoney } from '../../../lib/format.ts';

/** "December 2026". */
export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
}

/** What is wrong, in words: "Returned: R01 insufficient funds", "Unpaid, 5 days past grace", "Short $120.00". */
export function describeAlert(alert: Pick<PaymentAlert, 'kind' | 'returnCode' | 'returnReason' | 'receivedCents' | 'shortfallCents' | 'amountCents' | 'daysPastGrace'>): string {
  if (alert.kind === 'returned') return `Returned: ${alert.returnReason ?? alert.returnCode ?? 'by the bank'}`;
  const days = alert.daysPastGrace !== null && alert.daysPastGrace > 0 ? `, ${alert.daysPastGrace} ${alert.daysPastGrace === 1 ? 'day' : 'days'} past grace` : '';
  if ((alert.receivedCents ?? 0) > 0) return `Short ${formatMoney(alert.shortfallCents ?? alert.amountCents)}${days}`;
  return `Unpaid${days}`;
}

/** What the month still owes as far as the alert knows: the shortfall, else the returned amount. */
export function owedCents(alert: Pick<PaymentAlert, 'shortfallCents' | 'amountCents'>): number {
  return alert.shortfallCents ?? alert.amountCents;
}

/**
 * What "Mark paid outside" starts with: what the month still owes; for a returned payment at least the returned
 * amount, since money of that much arriving after the return is what clears it.
 */
export function markDefaultCents(alert: Pick<PaymentAlert, 'kind' | 'shortfallCents' | 'amountCents'>): number {
  return alert.kind === 'returned' ? Math.max(alert.amountCents, alert.shortfallCents ?? 0) : owedCents(alert);
}

/** "Maple Court · Unit 101". */
export function placeOf(alert: Pick<PaymentAlert, 'propertyName' | 'unitLabel'>): string {
  return [alert.propertyName, alert.unitLabel ? `Unit ${alert.unitLabel}` : null].filter(Boolean).join(' · ') || '—';
}

export const RESOLUTION_LABELS: Record<NonNullable<PaymentAlert['resolution']>, string> = {
  paid: 'Paid',
  paid_outside: 'Marked paid outside',
  lease_ended: 'Lease ended',
};
