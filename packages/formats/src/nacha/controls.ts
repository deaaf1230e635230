// Batch and file control totals, computed one entry at a time so the writer never holds a whole file.
import type { BatchControl } from './batch-control.record.ts';
import type { BatchHeader } from './batch-header.record.ts';
import type { FileControl } from './file-control.record.ts';
import type { NachaEntry } from './nacha-file.ts';
import { isCreditTransactionCode, isDebitTransactionCode } from './transaction-codes.ts';

export const BLOCKING_FACTOR = 10;
/** Entry hashes keep their 10 least significant digits. */
const HASH_MODULUS = 10_000_000_000;

export function addendaCount(entry: NachaEntry): number {
  return entry.addenda05.length + (entry.addenda98 ? 1 : 0) + (entry.addenda99 ? 1 : 0);
}

export class BatchTotals {
  entryAddendaCount = 0;
  entryHash = 0;
  totalDebitAmount = 0;
  totalCreditAmount = 0;

  add(entry: NachaEntry): void {
    const { transactionCode, rdfiIdentification, amount } = entry.entry;
    this.entryAddendaCount += 1 + addendaCount(entry);
    this.entryHash = (this.entryHash + Number(rdfiIdentification)) % HASH_MODULUS;
    if (isDebitTransactionCode(transactionCode)) this.totalDebitAmount += amount;
    else if (isCreditTransactionCode(transactionCode)) this.totalCreditAmount += amount;
  }

  controlFor(header: BatchHeader): BatchControl {
    return {
      serviceClassCode: header.serviceClassCode,
      entryAddendaCount: this.entryAddendaCount,
      entryHash: this.entryHash,
      totalDebitAmount: this.totalDebitAmount,
      totalCreditAmount: this.totalCreditAmount,
      companyIdentification: header.companyIdentification,
      messageAuthenticationCode: '',
      reserved: '',
      odfiIdentification: header.odfiIdentification,
      batchNumber: header.batchNumber,
    };
  }
}

export function batchControlFor(header: BatchHeader, entries: Iterable<NachaEntry>): BatchControl {
  const totals = new BatchTotals();
  for (const entry of entries) totals.add(entry);
  return totals.controlFor(header);
}

export class FileTotals {
  batchCount = 0;
  entryAddendaCount = 0;
  entryHash = 0;
  totalDebitAmount = 0;
  totalCreditAmount = 0;

  add(control: BatchControl): void {
    this.batchCount += 1;
    this.entryAddendaCount += control.entryAddendaCount;
    this.entryHash = (this.entryHash + control.entryHash) % HASH_MODULUS;
    this.totalDebitAmount += control.totalDebitAmount;
    this.totalCreditAmount += control.totalCreditAmount;
  }

  /** Records in the file without padding: header and control, and each batch's header, control, entries and addenda. */
  recordCount(): number {
    return 2 + this.batchCount * 2 + this.entryAddendaCount;
  }

  control(): FileControl {
    return {
      batchCount: this.batchCount,
      blockCount: Math.ceil(this.recordCount() / BLOCKING_FACTOR),
      entryAddendaCount: this.entryAddendaCount,
      entryHash: this.entryHash,
      totalDebitAmount: this.totalDebitAmount,
      totalCreditAmount: this.totalCreditAmount,
      reserved: '',
    };
  }
}

export function fileControlFor(controls: Iterable<BatchControl>): FileControl {
  const totals = new FileTotals();
  for (const control of controls) totals.add(control);
  return totals.control();
}
