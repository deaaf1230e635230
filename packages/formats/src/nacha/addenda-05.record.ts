import { defineRecord } from './field.ts';

/** Record type 7, addenda type 05: free-text payment information that travels with a PPD, WEB or CCD entry. */
export interface Addenda05 {
  // 1-1 record type code "7"; 2-3 addenda type code "05"
  // 4-83 payment related information
  paymentRelatedInformation: string;
  // 84-87 addenda sequence number, from 1 for each entry
  addendaSequenceNumber: number;
  // 88-94 entry detail sequence number: the last 7 digits of the entry's trace number
  entryDetailSequenceNumber: number;
}

export const addenda05Record = defineRecord<Addenda05>('705', [
  { key: 'paymentRelatedInformation', name: 'PaymentRelatedInformation', start: 4, end: 83, kind: 'alpha' },
  { key: 'addendaSequenceNumber', name: 'SequenceNumber', start: 84, end: 87, kind: 'numeric' },
  { key: 'entryDetailSequenceNumber', name: 'EntryDetailSequenceNumber', start: 88, end: 94, kind: 'numeric' },
]);
