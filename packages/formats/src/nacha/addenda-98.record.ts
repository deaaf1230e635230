import { defineRecord } from './field.ts';

/** Record type 7, addenda type 98: a Notification of Change (NOC) from the receiver's bank. */
export interface Addenda98 {
  // 1-1 record type code "7"; 2-3 addenda type code "98"
  // 4-6 change code, C01-C13
  changeCode: string;
  // 7-21 original entry trace number
  originalTraceNumber: string;
  // 22-27 reserved
  reservedAfterTrace: string;
  // 28-35 original receiving DFI identification
  originalRdfiIdentification: string;
  // 36-64 corrected data (the new account number, routing number, ...)
  correctedData: string;
  // 65-79 reserved
  reservedAfterCorrectedData: string;
  // 80-94 trace number of this NOC
  traceNumber: string;
}

export const addenda98Record = defineRecord<Addenda98>('798', [
  { key: 'changeCode', name: 'ChangeCode', start: 4, end: 6, kind: 'alpha' },
  { key: 'originalTraceNumber', name: 'OriginalTrace', start: 7, end: 21, kind: 'alpha' },
  { key: 'reservedAfterTrace', name: 'Reserved', start: 22, end: 27, kind: 'alpha' },
  { key: 'originalRdfiIdentification', name: 'OriginalDFI', start: 28, end: 35, kind: 'alpha' },
  { key: 'correctedData', name: 'CorrectedData', start: 36, end: 64, kind: 'alpha' },
  { key: 'reservedAfterCorrectedData', name: 'Reserved', start: 65, end: 79, kind: 'alpha' },
  { key: 'traceNumber', name: 'TraceNumber', start: 80, end: 94, kind: 'alpha' },
]);
