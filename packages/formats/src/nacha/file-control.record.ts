import { defineRecord } from './field.ts';

/** Record type 9: the counts and totals of the whole file. */
export interface FileControl {
  // 1-1 record type code "9"
  // 2-7 batch count
  batchCount: number;
  // 8-13 block count: records (without the 9…9 padding) divided by 10, rounded up
  blockCount: number;
  // 14-21 entry/addenda count over all batches
  entryAddendaCount: number;
  // 22-31 entry hash: sum of the batches' entry hashes, its 10 least significant digits
  entryHash: number;
  // 32-43 total debit entry dollar amount in the file, in cents
  totalDebitAmount: number;
  // 44-55 total credit entry dollar amount in the file, in cents
  totalCreditAmount: number;
  // 56-94 reserved, blank
  reserved: string;
}

export const fileControlRecord = defineRecord<FileControl>('9', [
  { key: 'batchCount', name: 'BatchCount', start: 2, end: 7, kind: 'numeric' },
  { key: 'blockCount', name: 'BlockCount', start: 8, end: 13, kind: 'numeric' },
  { key: 'entryAddendaCount', name: 'EntryAddendaCount', start: 14, end: 21, kind: 'numeric' },
  { key: 'entryHash', name: 'EntryHash', start: 22, end: 31, kind: 'numeric' },
  { key: 'totalDebitAmount', name: 'TotalDebitEntryDollarAmountInFile', start: 32, end: 43, kind: 'numeric' },
  { key: 'totalCreditAmount', name: 'TotalCreditEntryDollarAmountInFile', start: 44, end: 55, kind: 'numeric' },
  { key: 'reserved', name: 'Reserved', start: 56, end: 94, kind: 'alpha' },
]);
