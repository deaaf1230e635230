import { defineRecord } from './field.ts';

/** Record type 8: the counts and totals of one batch. */
export interface BatchControl {
  // 1-1 record type code "8"
  // 2-4 service class code, the batch header's
  serviceClassCode: number;
  // 5-10 entry/addenda count: entry detail records plus addenda records
  entryAddendaCount: number;
  // 11-20 entry hash: sum of the entries' RDFI identifications, its 10 least significant digits
  entryHash: number;
  // 21-32 total debit entry dollar amount, in cents
  totalDebitAmount: number;
  // 33-44 total credit entry dollar amount, in cents
  totalCreditAmount: number;
  // 45-54 company identification, the batch header's
  companyIdentification: string;
  // 55-73 message authentication code, usually blank
  messageAuthenticationCode: string;
  // 74-79 reserved
  reserved: string;
  // 80-87 originating DFI identification, the batch header's
  odfiIdentification: string;
  // 88-94 batch number, the batch header's
  batchNumber: number;
}

export const batchControlRecord = defineRecord<BatchControl>('8', [
  { key: 'serviceClassCode', name: 'ServiceClassCode', start: 2, end: 4, kind: 'numeric' },
  { key: 'entryAddendaCount', name: 'EntryAddendaCount', start: 5, end: 10, kind: 'numeric' },
  { key: 'entryHash', name: 'EntryHash', start: 11, end: 20, kind: 'numeric' },
  { key: 'totalDebitAmount', name: 'TotalDebitEntryDollarAmount', start: 21, end: 32, kind: 'numeric' },
  { key: 'totalCreditAmount', name: 'TotalCreditEntryDollarAmount', start: 33, end: 44, kind: 'numeric' },
  { key: 'companyIdentification', name: 'CompanyIdentification', start: 45, end: 54, kind: 'alpha' },
  { key: 'messageAuthenticationCode', name: 'MessageAuthenticationCode', start: 55, end: 73, kind: 'alpha' },
  { key: 'reserved', name: 'Reserved', start: 74, end: 79, kind: 'alpha' },
  { key: 'odfiIdentification', name: 'ODFIIdentification', start: 80, end: 87, kind: 'digits' },
  { key: 'batchNumber', name: 'BatchNumber', start: 88, end: 94, kind: 'numeric' },
]);
