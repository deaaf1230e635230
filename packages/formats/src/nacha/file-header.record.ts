import { defineRecord } from './field.ts';

/** Record type 1: who sends the file to whom, and when. */
export interface FileHeader {
  // 1-1 record type code "1"
  // 2-3 priority code, "01"
  priorityCode: string;
  // 4-13 immediate destination (b + 9 digits): the receiving point's routing number, stored without the blank
  immediateDestination: string;
  // 14-23 immediate origin (b + 9 digits, or 10 digits), stored without the blank
  immediateOrigin: string;
  // 24-29 file creation date, YYMMDD
  fileCreationDate: string;
  // 30-33 file creation time, HHMM (may be blank)
  fileCreationTime: string;
  // 34-34 file ID modifier: A-Z or 0-9, the next one for each later file the same day
  fileIdModifier: string;
  // 35-37 record size, "094"
  recordSize: string;
  // 38-39 blocking factor, "10"
  blockingFactor: string;
  // 40-40 format code, "1"
  formatCode: string;
  // 41-63 immediate destination name
  immediateDestinationName: string;
  // 64-86 immediate origin name
  immediateOriginName: string;
  // 87-94 reference code
  referenceCode: string;
}

export const fileHeaderRecord = defineRecord<FileHeader>('1', [
  { key: 'priorityCode', name: 'PriorityCode', start: 2, end: 3, kind: 'alpha' },
  { key: 'immediateDestination', name: 'ImmediateDestination', start: 4, end: 13, kind: 'routing10' },
  { key: 'immediateOrigin', name: 'ImmediateOrigin', start: 14, end: 23, kind: 'routing10' },
  { key: 'fileCreationDate', name: 'FileCreationDate', start: 24, end: 29, kind: 'alpha' },
  { key: 'fileCreationTime', name: 'FileCreationTime', start: 30, end: 33, kind: 'alpha' },
  { key: 'fileIdModifier', name: 'FileIDModifier', start: 34, end: 34, kind: 'alpha' },
  { key: 'recordSize', name: 'RecordSize', start: 35, end: 37, kind: 'alpha' },
  { key: 'blockingFactor', name: 'BlockingFactor', start: 38, end: 39, kind: 'alpha' },
  { key: 'formatCode', name: 'FormatCode', start: 40, end: 40, kind: 'alpha' },
  { key: 'immediateDestinationName', name: 'ImmediateDestinationName', start: 41, end: 63, kind: 'alpha' },
  { key: 'immediateOriginName', name: 'ImmediateOriginName', start: 64, end: 86, kind: 'alpha' },
  { key: 'referenceCode', name: 'ReferenceCode', start: 87, end: 94, kind: 'alpha' },
]);
