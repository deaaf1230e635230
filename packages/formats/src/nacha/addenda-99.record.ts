import { defineRecord } from './field.ts';

/** Record type 7, addenda type 99: why the receiver's bank returned an entry. */
export interface Addenda99 {
  // 1-1 record type code "7"; 2-3 addenda type code "99"
  // 4-6 return reason code, R01-R85
  returnReasonCode: string;
  // 7-21 original entry trace number
  originalTraceNumber: string;
  // 22-27 date of death, YYMMDD (R14, R15), otherwise blank
  dateOfDeath: string;
  // 28-35 original receiving DFI identification
  originalRdfiIdentification: string;
  // 36-79 addenda information
  addendaInformation: string;
  // 80-94 trace number of this return
  traceNumber: string;
}

export const addenda99Record = defineRecord<Addenda99>('799', [
  { key: 'returnReasonCode', name: 'ReturnCode', start: 4, end: 6, kind: 'alpha' },
  { key: 'originalTraceNumber', name: 'OriginalTrace', start: 7, end: 21, kind: 'alpha' },
  { key: 'dateOfDeath', name: 'DateOfDeath', start: 22, end: 27, kind: 'alpha' },
  { key: 'originalRdfiIdentification', name: 'OriginalDFI', start: 28, end: 35, kind: 'alpha' },
  { key: 'addendaInformation', name: 'AddendaInformation', start: 36, end: 79, kind: 'alpha' },
  { key: 'traceNumber', name: 'TraceNumber', start: 80, end: 94, kind: 'alpha' },
]);
