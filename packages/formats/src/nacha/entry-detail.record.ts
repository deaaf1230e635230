import { defineRecord } from './field.ts';

/** Record type 6: one debit or credit to one receiver's account. */
export interface EntryDetail {
  // 1-1 record type code "6"
  // 2-3 transaction code: 22 checking credit, 27 checking debit, 32/37 savings, 21/26 returns and NOCs, ...
  transactionCode: number;
  // 4-11 receiving DFI identification: the first 8 digits of the receiver's routing number
  rdfiIdentification: string;
  // 12-12 check digit: the 9th digit of the routing number
  checkDigit: string;
  // 13-29 DFI account number
  dfiAccountNumber: string;
  // 30-39 amount in cents
  amount: number;
  // 40-54 individual identification number (our reference for the receiver)
  individualIdentificationNumber: string;
  // 55-76 individual name
  individualName: string;
  // 77-78 discretionary data; for WEB debits the payment type code, S (single) or R (recurring)
  discretionaryData: string;
  // 79-79 addenda record indicator: "1" when addenda records follow
  addendaRecordIndicator: string;
  // 80-94 trace number: ODFI identification (8) + entry sequence number (7)
  traceNumber: string;
}

export const entryDetailRecord = defineRecord<EntryDetail>('6', [
  { key: 'transactionCode', name: 'TransactionCode', start: 2, end: 3, kind: 'numeric' },
  { key: 'rdfiIdentification', name: 'RDFIIdentification', start: 4, end: 11, kind: 'digits' },
  { key: 'checkDigit', name: 'CheckDigit', start: 12, end: 12, kind: 'digits' },
  { key: 'dfiAccountNumber', name: 'DFIAccountNumber', start: 13, end: 29, kind: 'alpha' },
  { key: 'amount', name: 'Amount', start: 30, end: 39, kind: 'numeric' },
  { key: 'individualIdentificationNumber', name: 'IdentificationNumber', start: 40, end: 54, kind: 'alpha' },
  { key: 'individualName', name: 'IndividualName', start: 55, end: 76, kind: 'alpha' },
  { key: 'discretionaryData', name: 'DiscretionaryData', start: 77, end: 78, kind: 'alpha' },
  { key: 'addendaRecordIndicator', name: 'AddendaRecordIndicator', start: 79, end: 79, kind: 'alpha' },
  { key: 'traceNumber', name: 'TraceNumber', start: 80, end: 94, kind: 'digits' },
]);
