// Records for tests, each a plausible default that a test overrides where it matters.
import type { BatchHeader, EntryDetail, FileHeader, NachaEntry } from './index.ts';

export function fileHeader(overrides: Partial<FileHeader> = {}): FileHeader {
  return {
    priorityCode: '01',
    immediateDestination: '031300012',
    immediateOrigin: '231380104',
    fileCreationDate: '261208',
    fileCreationTime: '1945',
    fileIdModifier: 'A',
    recordSize: '094',
    blockingFactor: '10',
    formatCode: '1',
    immediateDestinationName: 'Federal Reserve Bank',
    immediateOriginName: 'RentLedger Demo Bank',
    referenceCode: '',
    ...overrides,
  };
}

export function batchHeader(overrides: Partial<BatchHeader> = {}): BatchHeader {
  return {
    serviceClassCode: 200,
    companyName: 'Maple Rentals',
    companyDiscretionaryData: '',
    companyIdentification: '1234567890',
    standardEntryClassCode: 'WEB',
    companyEntryDescription: 'RENT',
    companyDescriptiveDate: '',
    effectiveEntryDate: '261209',
    settlementDate: '',
    originatorStatusCode: '1',
    odfiIdentification: '23138010',
    batchNumber: 1,
    ...overrides,
  };
}

export function entry(overrides: Partial<EntryDetail> = {}, addenda: Partial<Omit<NachaEntry, 'entry'>> = {}): NachaEntry {
  return {
    entry: {
      transactionCode: 27,
      rdfiIdentification: '12104288',
      checkDigit: '2',
      dfiAccountNumber: '000123456789',
      amount: 125_000,
      individualIdentificationNumber: 'RES-0001',
      individualName: 'Ada Resident',
      discretionaryData: 'S',
      addendaRecordIndicator: '0',
      traceNumber: '231380100000001',
      ...overrides,
    },
    addenda05: [],
    ...addenda,
  };
}
