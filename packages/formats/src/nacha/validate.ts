// Rules across fields and records. Each rule names the field it is about; `validate` returns every broken
// rule rather than the first, so a bank's rejection can be explained in one go.
import type { Addenda05 } from './addenda-05.record.ts';
import type { Addenda98 } from './addenda-98.record.ts';
import type { Addenda99 } from './addenda-99.record.ts';
import type { BatchControl } from './batch-control.record.ts';
import type { BatchHeader } from './batch-header.record.ts';
import { batchControlFor, fileControlFor } from './controls.ts';
import type { EntryDetail } from './entry-detail.record.ts';
import type { NachaValidationIssue } from './errors.ts';
import type { FileControl } from './file-control.record.ts';
import type { FileHeader } from './file-header.record.ts';
import type { NachaBatch, NachaEntry, NachaFile } from './nacha-file.ts';
import { CHANGE_REASONS, RETURN_REASONS } from './return-codes.ts';
import { abaCheckDigit } from './routing-number.ts';
import {
  SERVICE_CLASS_AUTOMATED_ACCOUNTING_ADVICES,
  SERVICE_CLASS_CREDITS_ONLY,
  SERVICE_CLASS_DEBITS_ONLY,
  SERVICE_CLASS_MIXED,
  isCreditTransactionCode,
  isDebitTransactionCode,
  isKnownTransactionCode,
  isReturnOrNocTransactionCode,
  isZeroDollarTransactionCode,
} from './transaction-codes.ts';

export interface ValidateOptions {
  /** Accept an entry whose check digit does not match its RDFI identification (some test files have them). */
  allowInvalidCheckDigit?: boolean;
}

const SERVICE_CLASS_CODES = [SERVICE_CLASS_MIXED, SERVICE_CLASS_CREDITS_ONLY, SERVICE_CLASS_DEBITS_ONLY, SERVICE_CLASS_AUTOMATED_ACCOUNTING_ADVICES];
/** SEC codes whose entries may carry one Addenda 05. */
const ONE_ADDENDA_05 = new Set(['PPD', 'WEB', 'CCD', 'TEL', 'POS', 'SHR', 'MTE', 'CIE']);
const MANY_ADDENDA_05 = new Set(['CTX', 'ENR', 'TRX']);

type Report = (path: string, field: string, message: string) => void;

export function validate(file: NachaFile, options: ValidateOptions = {}): NachaValidationIssue[] {
  const issues: NachaValidationIssue[] = [];
  const report: Report = (path, field, message) => issues.push({ path, field, message });
  validateFileHeader(file.header, report);
  file.batches.forEach((batch, index) => validateBatch(batch, `batches[${index}]`, options, report));
  validateFileControl(file, report);
  return issues;
}

function validateFileHeader(header: FileHeader, report: Report): void {
  const at = 'header';
  if (header.formatCode !== '1') report(at, 'FormatCode', 'is not 1');
  if (header.recordSize !== '094') report(at, 'RecordSize', 'is not 094');
  if (header.blockingFactor !== '10') report(at, 'BlockingFactor', 'is not 10');
  if (header.priorityCode !== '01') report(at, 'PriorityCode', 'is not 01');
  if (!/^\d{9}$/.test(header.immediateDestination)) report(at, 'ImmediateDestination', 'must be a blank and 9 digits');
  if (!/^\d{9,10}$/.test(header.immediateOrigin)) report(at, 'ImmediateOrigin', 'must be a blank and 9 digits, or 10 digits');
  if (!isYymmdd(header.fileCreationDate)) report(at, 'FileCreationDate', `"${header.fileCreationDate}" is not a YYMMDD date`);
  if (header.fileCreationTime !== '' && !/^([01]\d|2[0-3])[0-5]\d$/.test(header.fileCreationTime)) {
    report(at, 'FileCreationTime', `"${header.fileCreationTime}" is not an HHMM time`);
  }
  if (!/^[A-Z0-9]$/.test(header.fileIdModifier)) report(at, 'FileIDModifier', 'must be A-Z or 0-9');
}

function validateBatch(batch: NachaBatch, at: string, options: ValidateOptions, report: Report): void {
  validateBatchHeader(batch.header, `${at}.header`, report);
  let previousTrace = '';
  batch.entries.forEach((entry, index) => {
    const entryAt = `${at}.entries[${index}]`;
    validateEntry(entry, batch.header, entryAt, options, report);
    if (entry.entry.traceNumber <= previousTrace) {
      report(`${entryAt}.entry`, 'TraceNumber', `${entry.entry.traceNumber} is not ascending after ${previousTrace}`);
    }
    previousTrace = entry.entry.traceNumber;
  });
  validateBatchControl(batch, `${at}.control`, report);
}

function validateBatchHeader(header: BatchHeader, at: string, report: Report): void {
  if (!SERVICE_CLASS_CODES.includes(header.serviceClassCode)) {
    report(at, 'ServiceClassCode', `${header.serviceClassCode} is not 200, 220, 225 or 280`);
  }
  if (!/^[A-Z]{3}$/.test(header.standardEntryClassCode)) report(at, 'StandardEntryClassCode', `"${header.standardEntryClassCode}" is not an SEC code`);
  if (header.companyName.trim() === '') report(at, 'CompanyName', 'is required');
  if (header.companyIdentification.trim() === '') report(at, 'CompanyIdentification', 'is required');
  if (header.companyEntryDescription.trim() === '') report(at, 'CompanyEntryDescription', 'is required');
  if (!/^\d{8}$/.test(header.odfiIdentification)) report(at, 'ODFIIdentification', 'must be 8 digits');
  if (!/^[012]$/.test(header.originatorStatusCode)) report(at, 'OriginatorStatusCode', 'must be 0, 1 or 2');
}

function validateEntry(nachaEntry: NachaEntry, header: BatchHeader, at: string, options: ValidateOptions, report: Report): void {
  const { entry } = nachaEntry;
  const entryAt = `${at}.entry`;
  validateTransactionCode(entry, header, entryAt, report);
  validateRouting(entry, entryAt, options, report);
  validateAmount(entry, header, entryAt, report);
  if (entry.dfiAccountNumber.trim() === '') report(entryAt, 'DFIAccountNumber', 'is required');
  if (!entry.traceNumber.startsWith(header.odfiIdentification)) {
    report(entryAt, 'TraceNumber', `must begin with the batch's ODFI identification ${header.odfiIdentification}`);
  }
  if (header.standardEntryClassCode === 'WEB' && isDebitTransactionCode(entry.transactionCode) && !isReturnOrNocTransactionCode(entry.transactionCode)) {
    const paymentType = entry.discretionaryData.trim();
    if (paymentType !== 'S' && paymentType !== 'R') report(entryAt, 'PaymentTypeCode', 'a WEB debit must be S (single) or R (recurring)');
  }
  validateAddenda(nachaEntry, header, at, report);
}

function validateTransactionCode(entry: EntryDetail, header: BatchHeader, at: string, report: Report): void {
  const code = entry.transactionCode;
  if (!isKnownTransactionCode(code)) return report(at, 'TransactionCode', `${code} is not a transaction code`);
  if (header.serviceClassCode === SERVICE_CLASS_CREDITS_ONLY && isDebitTransactionCode(code)) {
    report(at, 'TransactionCode', `${code} is a debit in a credits-only batch (service class 220)`);
  }
  if (header.serviceClassCode === SERVICE_CLASS_DEBITS_ONLY && isCreditTransactionCode(code)) {
    report(at, 'TransactionCode', `${code} is a credit in a debits-only batch (service class 225)`);
  }
}

function validateRouting(entry: EntryDetail, at: string, options: ValidateOptions, report: Report): void {
  if (!/^\d{8}$/.test(entry.rdfiIdentification)) return report(at, 'RDFIIdentification', 'must be 8 digits');
  const expected = abaCheckDigit(entry.rdfiIdentification);
  if (!options.allowInvalidCheckDigit && entry.checkDigit !== String(expected)) {
    report(at, 'RDFIIdentification', `${entry.rdfiIdentification}${entry.checkDigit} does not match calculated check digit ${expected}`);
  }
}

function validateAmount(entry: EntryDetail, header: BatchHeader, at: string, report: Report): void {
  if (header.standardEntryClassCode === 'COR' && entry.amount !== 0) {
    report(at, 'Amount', 'this batch type requires that the amount is zero');
  } else if (isZeroDollarTransactionCode(entry.transactionCode) && entry.amount !== 0) {
    report(at, 'Amount', `transaction code ${entry.transactionCode} (prenote or zero-dollar) requires that the amount is zero`);
  }
}

function validateAddenda(nachaEntry: NachaEntry, header: BatchHeader, at: string, report: Report): void {
  const { entry, addenda05, addenda98, addenda99 } = nachaEntry;
  const hasAddenda = addenda05.length > 0 || addenda98 !== undefined || addenda99 !== undefined;
  if (entry.addendaRecordIndicator !== (hasAddenda ? '1' : '0')) {
    report(`${at}.entry`, 'AddendaRecordIndicator', hasAddenda ? 'must be 1 when addenda records follow' : 'must be 0 when no addenda record follows');
  }
  const sec = header.standardEntryClassCode;
  if (addenda05.length > 0) validateAddenda05(addenda05, entry, sec, at, report);
  if (addenda98 && addenda99) report(`${at}.addenda99`, 'TypeCode', 'an entry cannot be both a return and a notification of change');
  if ((addenda98 || addenda99) && addenda05.length > 0) report(`${at}.addenda05[0]`, 'TypeCode', 'a return or NOC carries no Addenda 05');
  if (sec === 'COR' && !addenda98) report(`${at}.entry`, 'Addenda98', 'a COR entry needs a notification of change (Addenda 98)');
  if (addenda98) validateAddenda98(addenda98, entry, sec, `${at}.addenda98`, report);
  if (addenda99) validateAddenda99(addenda99, entry, `${at}.addenda99`, report);
}

function validateAddenda05(addenda: readonly Addenda05[], entry: EntryDetail, sec: string, at: string, report: Report): void {
  if (!ONE_ADDENDA_05.has(sec) && !MANY_ADDENDA_05.has(sec)) {
    report(`${at}.addenda05[0]`, 'TypeCode', `${sec} entries carry no Addenda 05`);
  } else if (ONE_ADDENDA_05.has(sec) && addenda.length > 1) {
    report(`${at}.addenda05[1]`, 'TypeCode', `a ${sec} entry carries at most one Addenda 05`);
  }
  const entrySequence = Number(entry.traceNumber.slice(-7));
  addenda.forEach((record, index) => {
    const recordAt = `${at}.addenda05[${index}]`;
    if (record.addendaSequenceNumber !== index + 1) report(recordAt, 'SequenceNumber', `must be ${index + 1}`);
    if (record.entryDetailSequenceNumber !== entrySequence) {
      report(recordAt, 'EntryDetailSequenceNumber', `must be the last 7 digits of the entry's trace number (${entry.traceNumber.slice(-7)})`);
    }
  });
}

function validateAddenda98(addenda: Addenda98, entry: EntryDetail, sec: string, at: string, report: Report): void {
  if (sec !== 'COR') report(at, 'TypeCode', 'a notification of change belongs in a COR batch');
  if (!Object.hasOwn(CHANGE_REASONS, addenda.changeCode)) report(at, 'ChangeCode', `"${addenda.changeCode}" is not a change code (C01-C13)`);
  validateOriginal(addenda, at, report);
  if (addenda.correctedData.trim() === '') report(at, 'CorrectedData', 'is required');
  if (!isReturnOrNocTransactionCode(entry.transactionCode)) {
    report(at.replace(/\.addenda98$/, '.entry'), 'TransactionCode', `${entry.transactionCode} is not a return or NOC transaction code`);
  }
}

function validateAddenda99(addenda: Addenda99, entry: EntryDetail, at: string, report: Report): void {
  if (!Object.hasOwn(RETURN_REASONS, addenda.returnReasonCode)) {
    report(at, 'ReturnCode', `"${addenda.returnReasonCode}" is not a return reason code`);
  }
  validateOriginal(addenda, at, report);
  if (addenda.dateOfDeath !== '' && !isYymmdd(addenda.dateOfDeath)) report(at, 'DateOfDeath', `"${addenda.dateOfDeath}" is not a YYMMDD date`);
  if (!isReturnOrNocTransactionCode(entry.transactionCode)) {
    report(at.replace(/\.addenda99$/, '.entry'), 'TransactionCode', `${entry.transactionCode} is not a return or NOC transaction code`);
  }
}

function validateOriginal(addenda: Addenda98 | Addenda99, at: string, report: Report): void {
  if (!/^\d{15}$/.test(addenda.originalTraceNumber)) report(at, 'OriginalTrace', 'must be 15 digits');
  if (!/^\d{8}$/.test(addenda.originalRdfiIdentification)) report(at, 'OriginalDFI', 'must be 8 digits');
  if (!/^\d{15}$/.test(addenda.traceNumber)) report(at, 'TraceNumber', 'must be 15 digits');
}

function validateBatchControl(batch: NachaBatch, at: string, report: Report): void {
  const expected = batchControlFor(batch.header, batch.entries);
  const { control, header } = batch;
  compareTotals(control, expected, at, report, [
    ['serviceClassCode', 'ServiceClassCode'],
    ['entryAddendaCount', 'EntryAddendaCount'],
    ['entryHash', 'EntryHash'],
    ['totalDebitAmount', 'TotalDebitEntryDollarAmount'],
    ['totalCreditAmount', 'TotalCreditEntryDollarAmount'],
    ['odfiIdentification', 'ODFIIdentification'],
    ['batchNumber', 'BatchNumber'],
  ]);
  // moov writes the identification right-justified in some return files (" 123456789"): compare the value.
  if (control.companyIdentification.trim() !== header.companyIdentification.trim()) {
    report(at, 'CompanyIdentification', `${control.companyIdentification} does not match the batch header's ${header.companyIdentification}`);
  }
}

function validateFileControl(file: NachaFile, report: Report): void {
  const expected = fileControlFor(file.batches.map((batch) => batch.control));
  compareTotals(file.control, expected, 'control', report, [
    ['batchCount', 'BatchCount'],
    ['blockCount', 'BlockCount'],
    ['entryAddendaCount', 'EntryAddendaCount'],
    ['entryHash', 'EntryHash'],
    ['totalDebitAmount', 'TotalDebitEntryDollarAmountInFile'],
    ['totalCreditAmount', 'TotalCreditEntryDollarAmountInFile'],
  ]);
}

function compareTotals<C extends BatchControl | FileControl>(
  actual: C,
  expected: C,
  at: string,
  report: Report,
  fields: ReadonlyArray<readonly [keyof C & string, string]>,
): void {
  for (const [key, name] of fields) {
    if (actual[key] !== expected[key]) report(at, name, `${String(actual[key])} does not match calculated ${String(expected[key])}`);
  }
}

function isYymmdd(text: string): boolean {
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(text);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(2000 + Number(match[1]), month, 0)).getUTCDate();
  return day <= daysInMonth;
}
