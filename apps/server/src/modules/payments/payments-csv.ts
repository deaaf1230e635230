import type { PaymentRow } from './payments.repository.ts';

/**
 * The payments export, in the columns accounting systems import: date, resident ID, name, unit, amount,
 * reference. Names, units and IDs came from residents and rent rolls, so any value a spreadsheet would run as
 * a formula (starting with =, +, -, @, tab or carriage return: OWASP's CSV injection rule) is written with a
 * leading apostrophe, inside quotes, and every quote in a value is doubled.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r']/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Cents as dollars with two decimals and no thousands separator: what accounting imports read. */
export const dollarsForCsv = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

export const paymentsCsvHeader = () => 'date,resident_id,name,unit,amount,reference,status\r\n';

export function paymentsCsvRow(row: PaymentRow): string {
  const cells = [
    row.effective_date ?? row.scheduled_for,
    csvCell(row.accounting_resident_id),
    csvCell(`${row.first_name} ${row.last_name}`),
    csvCell(row.unit_label),
    dollarsForCsv(row.amount_cents),
    csvCell(row.trace_number ?? row.id),
    row.status,
  ];
  return `${cells.join(',')}\r\n`;
}
