/// <reference types="vite/client" />
// Every file in ../shared/fixtures/ach, read in place (never copied), against what its SOURCE.md says.
import { describe, expect, it } from 'vitest';
import {
  changeDetails,
  entryCategory,
  format,
  formatLines,
  notificationsOfChange,
  parse,
  returnEntries,
  validate,
} from './index.ts';
import type { NachaFile, NachaParseResult } from './index.ts';

// Relative to this file: packages/formats/src/nacha -> the project root -> ../shared/fixtures/ach.
const fixtures = import.meta.glob<string>('../../../../../shared/fixtures/ach/**/*.{ach,txt}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const FIXTURE_ROOT = '../../../../../shared/fixtures/ach/';

function fixture(path: string): string {
  const text = fixtures[FIXTURE_ROOT + path];
  if (text === undefined) throw new Error(`fixture ${path} is missing`);
  return text;
}

function parseValid(path: string): NachaFile {
  const result = parse(fixture(path));
  expect(result.errors).toEqual([]);
  if (!result.ok) throw new Error(`${path} did not parse`);
  expect(validate(result.file)).toEqual([]);
  return result.file;
}

function parseInvalid(path: string, options = {}): Extract<NachaParseResult, { ok: false }> {
  const result = parse(fixture(path), options);
  if (result.ok) throw new Error(`${path} parsed without errors`);
  return result;
}

/** A canonical fixture (94-character lines, "\n") reads back to the same bytes, with or without a final newline. */
function expectByteForByteRoundTrip(path: string, file: NachaFile): void {
  const text = fixture(path);
  expect(format(file, { finalNewline: text.endsWith('\n') })).toBe(text);
}

/** The fixture with each line padded to 94 characters: what a reader that pads short lines sees. */
function normalized(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : line.padEnd(94, ' ')))
    .join('\n');
}

describe('the fixtures folder', () => {
  it('holds the 15 files SOURCE.md lists', () => {
    expect(Object.keys(fixtures)).toHaveLength(15);
  });
});

describe('valid files', () => {
  it('examples/testdata/ppd-debit.ach: one PPD debit of $2,000,000.00', () => {
    const path = 'examples/testdata/ppd-debit.ach';
    const file = parseValid(path);
    expect(fixture(path).split('\n')).toHaveLength(10);
    const [batch] = file.batches;
    expect(batch?.header).toMatchObject({ standardEntryClassCode: 'PPD', serviceClassCode: 225, companyEntryDescription: 'REG.SALARY' });
    expect(batch?.entries[0]?.entry).toMatchObject({ transactionCode: 27, rdfiIdentification: '23138010', checkDigit: '4', amount: 200_000_000 });
    expect(file.control).toMatchObject({ totalDebitAmount: 200_000_000, totalCreditAmount: 0 });
    // This file's Immediate Origin is 10 digits, where moov's example writer has a blank and 9 digits.
    expect(file.header.immediateOrigin).toBe('0231380104');
    expectByteForByteRoundTrip(path, file);
  });

  it('examples/testdata/ppd-credit.ach: one PPD credit of $1,000,000.00', () => {
    const path = 'examples/testdata/ppd-credit.ach';
    const file = parseValid(path);
    expect(file.batches[0]?.header).toMatchObject({ standardEntryClassCode: 'PPD', serviceClassCode: 220 });
    expect(file.batches[0]?.entries[0]?.entry).toMatchObject({ transactionCode: 22, amount: 100_000_000 });
    expect(file.control).toMatchObject({ totalDebitAmount: 0, totalCreditAmount: 100_000_000 });
    expectByteForByteRoundTrip(path, file);
  });

  it('examples/testdata/web-credit.ach: a WEB credit with payment type S and an Addenda 05', () => {
    const path = 'examples/testdata/web-credit.ach';
    const file = parseValid(path);
    const batch = file.batches[0];
    expect(batch?.header).toMatchObject({ standardEntryClassCode: 'WEB', serviceClassCode: 220, companyEntryDescription: 'Subscribe' });
    const entry = batch?.entries[0];
    expect(entry?.entry).toMatchObject({
      transactionCode: 22,
      amount: 10_000,
      individualIdentificationNumber: '#789654',
      individualName: 'John Doe',
      discretionaryData: 'S',
      addendaRecordIndicator: '1',
    });
    expect(entry?.addenda05).toHaveLength(1);
    expect(entry?.addenda05[0]?.paymentRelatedInformation).toMatch(/^PAY-GATE payment\\/);
    expect(file.control.totalCreditAmount).toBe(10_000);
    expectByteForByteRoundTrip(path, file);
  });

  it('test/testdata/web-debit.ach: 3 batches, 6 entries, right-justified payment type " S"', () => {
    const path = 'test/testdata/web-debit.ach';
    const file = parseValid(path);
    expect(fixture(path).split('\n')).toHaveLength(20);
    // The leading blank of the Immediate Origin is not part of the value.
    expect(file.header.immediateOrigin).toBe('231380104');
    expect(file.batches.map((batch) => batch.header.standardEntryClassCode)).toEqual(['WEB', 'WEB', 'PPD']);
    expect(file.batches.map((batch) => batch.header.serviceClassCode)).toEqual([220, 220, 225]);
    expect(file.batches.map((batch) => batch.entries.length)).toEqual([4, 1, 1]);
    expect(file.batches[0]?.entries[0]?.entry.discretionaryData).toBe(' S');
    expect(file.batches[2]?.entries[0]?.entry.transactionCode).toBe(27);
    expect(file.control).toEqual({
      batchCount: 3,
      blockCount: 2,
      entryAddendaCount: 6,
      entryHash: 50_600_106,
      totalDebitAmount: 15_000,
      totalCreditAmount: 26_820,
      reserved: '',
    });
    expectByteForByteRoundTrip(path, file);
  });

  it('test/testdata/ppd-debit.ach: the header and file control lines have their trailing spaces stripped', () => {
    const path = 'test/testdata/ppd-debit.ach';
    const text = fixture(path);
    expect(text.split('\n')[0]).toHaveLength(75);
    expect(text.split('\n')[4]).toHaveLength(55);
    const file = parseValid(path);
    expect(file.header.immediateDestinationName).toBe('Federal Reserve Bank');
    expect(file.batches[0]?.header.companyIdentification).toBe('121042882');
    expect(file.batches[0]?.entries[0]?.entry).toMatchObject({ transactionCode: 27, amount: 100_000_000 });
    // Not canonical: it formats to the same records with the blanks put back.
    expect(format(file, { finalNewline: false })).toBe(normalized(text));
  });

  it('test/testdata/ppd-mixedDebitCredit.ach: a mixed batch with one debit and two credits', () => {
    const path = 'test/testdata/ppd-mixedDebitCredit.ach';
    const file = parseValid(path);
    const batch = file.batches[0];
    expect(batch?.header.serviceClassCode).toBe(200);
    expect(batch?.entries.map(({ entry }) => [entry.transactionCode, entry.amount])).toEqual([
      [27, 200_000_000],
      [22, 100_000_000],
      [22, 100_000_000],
    ]);
    expect(batch?.control.entryHash).toBe(69_414_030);
    expect(file.control.entryHash).toBe(69_414_030);
    expectByteForByteRoundTrip(path, file);
  });

  it('test/testdata/two-micro-deposits.ach: 2 batches of 2 micro-deposits and a reversing debit, each with an Addenda 05', () => {
    const path = 'test/testdata/two-micro-deposits.ach';
    const file = parseValid(path);
    expect(file.batches.map((batch) => batch.entries.map((entry) => entry.entry.transactionCode))).toEqual([
      [32, 32, 27],
      [32, 32, 27],
    ]);
    for (const entry of file.batches.flatMap((batch) => batch.entries)) {
      expect(entry.addenda05.map((addenda) => addenda.paymentRelatedInformation)).toEqual(['paygate transaction']);
    }
    expect(file.control).toMatchObject({ batchCount: 2, entryAddendaCount: 12, blockCount: 2 });
    expectByteForByteRoundTrip(path, file);
  });

  it('test/testdata/return-WEB.ach: two returns, R01 and R03, in exactly 10 records', () => {
    const path = 'test/testdata/return-WEB.ach';
    const file = parseValid(path);
    expect(fixture(path).split('\n')).toHaveLength(10);
    expect(file.batches.map((batch) => batch.entries.length)).toEqual([1, 1]);
    expect(file.batches.flatMap((batch) => batch.entries.map(entryCategory))).toEqual(['return', 'return']);
    const returns = returnEntries(file);
    expect(returns.map(({ reasonCode, reason, originalTraceNumber, entry }) => [reasonCode, reason, originalTraceNumber, entry.entry.transactionCode])).toEqual([
      ['R01', 'Insufficient funds', '091400600000001', 26],
      ['R03', 'No account or unable to locate account', '091400600000003', 21],
    ]);
    expect(notificationsOfChange(file)).toEqual([]);
    expectByteForByteRoundTrip(path, file);
  });

  it('test/testdata/return-WEB.ach: errors give the lines moov gives (header 1, batch header 2, entry 3, addenda 4, batch control 5, file control 10)', () => {
    const lines = fixture('test/testdata/return-WEB.ach').split('\n');
    const broken = (index: number, at: number, replacement: string): string[] => {
      const copy = [...lines];
      const line = copy[index] ?? '';
      copy[index] = line.slice(0, at) + replacement + line.slice(at + replacement.length);
      return copy;
    };
    const errorLines = (text: string[]) => parse(text.join('\n')).errors.map((error) => [error.line, error.field]);
    expect(errorLines(broken(0, 39, '9'))).toEqual([[1, 'FormatCode']]);
    expect(errorLines(broken(1, 50, '   '))).toEqual([[2, 'StandardEntryClassCode']]);
    expect(errorLines(broken(2, 11, '7'))).toEqual([[3, 'RDFIIdentification']]);
    expect(errorLines(broken(3, 3, 'R00'))).toEqual([[4, 'ReturnCode']]);
    expect(errorLines(broken(4, 87, '9'))).toEqual([[5, 'BatchNumber']]);
    expect(errorLines(broken(9, 1, '000003'))).toEqual([[10, 'BatchCount']]);
  });

  it('test/testdata/return-WEB.ach: a zero amount is allowed on a return', () => {
    const file = parseValid('test/testdata/return-WEB.ach');
    const [batch] = file.batches;
    const returned = batch?.entries[0];
    if (!batch || !returned) throw new Error('no return entry');
    returned.entry.amount = 0;
    batch.control.totalDebitAmount = 0;
    file.control.totalDebitAmount = 0;
    expect(validate(file)).toEqual([]);
  });

  it('test/testdata/cor-example.ach: a notification of change C01 with the corrected account number', () => {
    const path = 'test/testdata/cor-example.ach';
    const file = parseValid(path);
    expect(file.batches).toHaveLength(1);
    const entry = file.batches[0]?.entries[0];
    if (!entry) throw new Error('no entry');
    expect(entryCategory(entry)).toBe('noc');
    expect(changeDetails(entry)).toEqual({
      changeCode: 'C01',
      reason: 'Incorrect bank account number',
      originalTraceNumber: '121042880000001',
      originalRdfiIdentification: '12104288',
      correctedData: '1918171614',
    });
    expect(notificationsOfChange(file)).toHaveLength(1);
    expect(returnEntries(file)).toHaveLength(0);
    expectByteForByteRoundTrip(path, file);

    entry.entry.amount = 12_345;
    expect(validate(file)).toContainEqual({
      path: 'batches[0].entries[0].entry',
      field: 'Amount',
      message: 'this batch type requires that the amount is zero',
    });
  });

  it('test/testdata/ppd-debit-fixedLength.ach: five records on one line, no separators', () => {
    const path = 'test/testdata/ppd-debit-fixedLength.ach';
    const text = fixture(path).replace(/\n$/, '');
    expect(text).toHaveLength(470);
    const file = parseValid(path);
    expect(file.batches[0]?.header).toMatchObject({ standardEntryClassCode: 'PPD', serviceClassCode: 225 });
    expect(file.batches[0]?.entries[0]?.entry).toMatchObject({ transactionCode: 27, amount: 10_500, rdfiIdentification: '05320001' });
    // Not canonical: we write one record a line, padded to a block of 10.
    const lines = Array.from(formatLines(file));
    expect(lines).toHaveLength(10);
    expect(lines.slice(0, 5).join('')).toBe(text);
    expect(parse(format(file))).toEqual({ ok: true, file, errors: [] });
  });
});

describe('invalid files', () => {
  it('test/testdata/ppd-debit-invalid-entryDetail-checkDigit.ach: check digit 5 where 4 is calculated', () => {
    const path = 'test/testdata/ppd-debit-invalid-entryDetail-checkDigit.ach';
    const result = parseInvalid(path);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 3, field: 'RDFIIdentification' });
    expect(result.errors[0]?.message).toContain('does not match calculated check digit 4');

    const unchecked = parse(fixture(path), { skipValidation: true });
    if (!unchecked.ok) throw new Error('the records themselves are well formed');
    expect(unchecked.file.batches.map((batch) => batch.entries.length)).toEqual([1]);
    expect(validate(unchecked.file).map((issue) => issue.field)).toEqual(['RDFIIdentification']);

    expect(parse(fixture(path), { allowInvalidCheckDigit: true }).ok).toBe(true);
    expect(validate(unchecked.file, { allowInvalidCheckDigit: true })).toEqual([]);
  });

  it('test/testdata/ppd-debit-fixedLengthInvalid.ach: one extra leading character misaligns every record', () => {
    const result = parseInvalid('test/testdata/ppd-debit-fixedLengthInvalid.ach');
    expect(result.errors.map((error) => error.message)).toContainEqual(expect.stringContaining('must be 94 characters and found 1'));
  });

  it('test/testdata/invalid-two-micro-deposits.ach: line 15 is corrupt, and the rest is still read', () => {
    const result = parseInvalid('test/testdata/invalid-two-micro-deposits.ach');
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([
      [15, 'Amount'],
      [15, 'TraceNumber'],
    ]);
    expect(result.file.control?.batchCount).toBe(2);
    expect(result.file.batches.map((batch) => batch.entries.length)).toEqual([3, 3]);
    expect(result.file.batches[1]?.entries[2]?.entry.amount).toBeNaN();
  });

  it('issue1600/1qFormatCodeIncorrect.txt: format code 9', () => {
    const path = 'test/issues/testdata/issue1600/1qFormatCodeIncorrect.txt';
    const result = parseInvalid(path);
    expect(result.errors.map((error) => [error.line, error.field, error.reason])).toEqual([[1, 'FormatCode', 'is not 1']]);
    expect(result.file.header?.immediateOrigin).toBe('011000015');
    expect(result.file.batches.map((batch) => batch.header.standardEntryClassCode)).toEqual(['CCD', 'PPD']);
    expect(result.file.control).toMatchObject({ entryHash: 220_199_998, totalDebitAmount: 6125, totalCreditAmount: 6125 });
  });

  it('issue1600/1k8RecordFollowing9Record.txt: a batch control after the file control', () => {
    const result = parseInvalid('test/issues/testdata/issue1600/1k8RecordFollowing9Record.txt');
    expect(result.errors).toContainEqual(expect.objectContaining({ line: 11, reason: 'records found after file control' }));
  });
});
