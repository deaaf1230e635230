import { defineRecord } from './field.ts';

/** Record type 5: one company's entries of one kind (SEC code) for one effective date. */
export interface BatchHeader {
  // 1-1 record type code "5"
  // 2-4 service class code: 200 mixed, 220 credits only, 225 debits only
  serviceClassCode: number;
  // 5-20 company name, as the receiver knows it
  companyName: string;
  // 21-40 company discretionary data
  companyDiscretionaryData: string;
  // 41-50 company identification (often "1" + EIN)
  companyIdentification: string;
  // 51-53 standard entry class code: PPD, WEB, CCD, COR, ...
  standardEntryClassCode: string;
  // 54-63 company entry description, shown on the receiver's statement (RENT, ACCTVERIFY)
  companyEntryDescription: string;
  // 64-69 company descriptive date (free text, often YYMMDD or blank)
  companyDescriptiveDate: string;
  // 70-75 effective entry date, YYMMDD
  effectiveEntryDate: string;
  // 76-78 settlement date (Julian), filled in by the ACH operator: blank when we write
  settlementDate: string;
  // 79-79 originator status code, "1" for a depository financial institution
  originatorStatusCode: string;
  // 80-87 originating DFI identification: the first 8 digits of the ODFI's routing number
  odfiIdentification: string;
  // 88-94 batch number, ascending in the file
  batchNumber: number;
}

export const batchHeaderRecord = defineRecord<BatchHeader>('5', [
  { key: 'serviceClassCode', name: 'ServiceClassCode', start: 2, end: 4, kind: 'numeric' },
  { key: 'companyName', name: 'CompanyName', start: 5, end: 20, kind: 'alpha' },
  { key: 'companyDiscretionaryData', name: 'CompanyDiscretionaryData', start: 21, end: 40, kind: 'alpha' },
  { key: 'companyIdentification', name: 'CompanyIdentification', start: 41, end: 50, kind: 'alpha' },
  { key: 'standardEntryClassCode', name: 'StandardEntryClassCode', start: 51, end: 53, kind: 'alpha' },
  { key: 'companyEntryDescription', name: 'CompanyEntryDescription', start: 54, end: 63, kind: 'alpha' },
  { key: 'companyDescriptiveDate', name: 'CompanyDescriptiveDate', start: 64, end: 69, kind: 'alpha' },
  { key: 'effectiveEntryDate', name: 'EffectiveEntryDate', start: 70, end: 75, kind: 'alpha' },
  { key: 'settlementDate', name: 'SettlementDate', start: 76, end: 78, kind: 'alpha' },
  { key: 'originatorStatusCode', name: 'OriginatorStatusCode', start: 79, end: 79, kind: 'alpha' },
  { key: 'odfiIdentification', name: 'ODFIIdentification', start: 80, end: 87, kind: 'digits' },
  { key: 'batchNumber', name: 'BatchNumber', start: 88, end: 94, kind: 'numeric' },
]);
