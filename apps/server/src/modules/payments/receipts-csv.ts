import { csvCell, dollarsForCsv } from './payments-csv.ts';

/**
 * A file company's daily receipts file: one line per payment posted that company-local day, and one per reversal
 * (a payment the bank returned after it was posted) with a negative amount and kind `reversal`. Values that
 * came from rent rolls go through `csvCell` (a value a spreadsheet would run as a formula gets an apostrophe).
 */
export const RECEIPTS_CSV_HEADER = 'accounting_resident_id,name,property,unit,date,amount,kind,payment_id,reference\r\n';

export type ReceiptLine = {
  accountingResidentId: string | null;
  name: string;
  property: string | null;
  unit: string | null;
  /** YYYY-MM-DD, company-local: the day the payment settled, or for a reversal the day it was returned. */
  date: string;
  amountCents: number;
  kind: 'payment' | 'reversal';
  paymentId: string;
  reference: string;
};

export function receiptsCsvRow(line: ReceiptLine): string {
  const cells = [
    csvCell(line.accountingResidentId),
    csvCell(line.name),
    csvCell(line.property),
    csvCell(line.unit),
    line.date,
    dollarsForCsv(line.kind === 'reversal' ? -line.amountCents : line.amountCents),
    line.kind,
    line.paymentId,
    csvCell(line.reference),
  ];
  return `${cells.join(',')}\r\n`;
}
