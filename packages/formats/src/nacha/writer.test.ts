/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import {
  BLOCK_PADDING_LINE,
  NachaFormatError,
  NachaWriter,
  buildNachaFile,
  format,
  parse,
  traceNumberFor,
  validate,
} from './index.ts';
import type { NachaEntry } from './index.ts';
import { batchHeader, entry, fileHeader } from './test-records.ts';

const ODFI = '23138010';

/** Rent debits authorised online, and the credit to the company's settlement account that balances them. */
function rentBatchEntries(): NachaEntry[] {
  return [
    entry({ transactionCode: 27, amount: 125_000, discretionaryData: 'S', individualName: 'Ada Resident', traceNumber: traceNumberFor(ODFI, 1) }),
    entry({
      transactionCode: 37,
      amount: 98_550,
      discretionaryData: 'R',
      individualName: 'Grace Autopay',
      rdfiIdentification: '23138010',
      checkDigit: '4',
      traceNumber: traceNumberFor(ODFI, 2),
    }),
    entry({
      transactionCode: 22,
      amount: 223_550,
      discretionaryData: '',
      individualName: 'Maple Rentals',
      individualIdentificationNumber: 'SETTLEMENT',
      rdfiIdentification: '23138010',
      checkDigit: '4',
      traceNumber: traceNumberFor(ODFI, 3),
    }),
  ];
}

/** Two credits under $1 described ACCTVERIFY and the debit that takes them back, in the same file. */
function microEntries(): NachaEntry[] {
  const account = { rdfiIdentification: '12104288', checkDigit: '2', dfiAccountNumber: '322580734', individualName: 'Ada Resident' };
  return [
    entry({ ...account, transactionCode: 22, amount: 17, discretionaryData: 'S', traceNumber: traceNumberFor(ODFI, 4) }),
    entry({ ...account, transactionCode: 22, amount: 41, discretionaryData: 'S', traceNumber: traceNumberFor(ODFI, 5) }),
    entry(
      { ...account, transactionCode: 27, amount: 58, discretionaryData: 'S', addendaRecordIndicator: '1', traceNumber: traceNumberFor(ODFI, 6) },
      { addenda05: [{ paymentRelatedInformation: 'Reverses the two account verification credits', addendaSequenceNumber: 1, entryDetailSequenceNumber: 6 }] },
    ),
  ];
}

function writeRentFile(): { writer: NachaWriter; text: string } {
  const writer = new NachaWriter(fileHeader());
  writer.beginBatch(batchHeader({ batchNumber: 1 }));
  for (const item of rentBatchEntries()) writer.addEntry(item);
  writer.endBatch();
  writer.beginBatch(batchHeader({ batchNumber: 2, companyEntryDescription: 'ACCTVERIFY' }));
  for (const item of microEntries()) writer.addEntry(item);
  writer.endBatch();
  writer.end();
  return { writer, text: writer.toString() };
}

describe('NachaWriter', () => {
  it('writes a WEB rent batch (payment types S and R, an offsetting credit) and an ACCTVERIFY batch that read back to the same bytes', () => {
    const { text } = writeRentFile();
    const result = parse(text);
    expect(result.errors).toEqual([]);
    if (!result.ok) return;
    expect(format(result.file)).toBe(text);

    const [rent, verify] = result.file.batches;
    expect(rent?.entries.map(({ entry: detail }) => detail.discretionaryData)).toEqual(['S', 'R', '']);
    expect(rent?.control).toMatchObject({ entryAddendaCount: 3, totalDebitAmount: 223_550, totalCreditAmount: 223_550 });
    expect(verify?.header.companyEntryDescription).toBe('ACCTVERIFY');
    expect(verify?.entries.map(({ entry: detail }) => [detail.transactionCode, detail.amount])).toEqual([
      [22, 17],
      [22, 41],
      [27, 58],
    ]);
    expect(verify?.control).toMatchObject({ entryAddendaCount: 4, totalDebitAmount: 58, totalCreditAmount: 58 });
    // 2 file records + 2 × 2 batch records + 7 entry and addenda records = 13: two blocks.
    expect(result.file.control).toMatchObject({ batchCount: 2, blockCount: 2, entryAddendaCount: 7, totalDebitAmount: 223_608, totalCreditAmount: 223_608 });
    expect(result.file.control.entryHash).toBe((12104288 + 23138010 * 2 + 12104288 * 3) % 10_000_000_000);
  });

  it('pads with 9…9 lines to a multiple of 10 and ends every line, the last one too, with "\\n"', () => {
    const { text } = writeRentFile();
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(20);
    expect(lines.every((line) => line.length === 94)).toBe(true);
    expect(lines.slice(13)).toEqual(Array(7).fill(BLOCK_PADDING_LINE));
    expect(text.endsWith(`${BLOCK_PADDING_LINE}\n`)).toBe(true);
  });

  it('writes the same bytes as buildNachaFile and format', () => {
    const built = buildNachaFile(fileHeader(), [
      { header: batchHeader({ batchNumber: 1 }), entries: rentBatchEntries() },
      { header: batchHeader({ batchNumber: 2, companyEntryDescription: 'ACCTVERIFY' }), entries: microEntries() },
    ]);
    expect(validate(built)).toEqual([]);
    expect(format(built)).toBe(writeRentFile().text);
  });

  it("writes moov's example debit: the batch header, entry and controls of examples/testdata/ppd-debit.ach byte for byte", () => {
    const fixture = Object.values(
      import.meta.glob<string>('../../../../../shared/fixtures/ach/examples/testdata/ppd-debit.ach', { query: '?raw', import: 'default', eager: true }),
    )[0];
    const written = buildNachaFile(
      fileHeader({
        immediateDestination: '031300012',
        immediateOrigin: '231380104',
        fileCreationDate: '190816',
        fileCreationTime: '1055',
        immediateDestinationName: 'Federal Reserve Bank',
        immediateOriginName: 'My Bank Name',
        referenceCode: '12345678',
      }),
      [
        {
          header: batchHeader({
            serviceClassCode: 225,
            companyName: 'Name on Account',
            companyIdentification: '231380104',
            standardEntryClassCode: 'PPD',
            companyEntryDescription: 'REG.SALARY',
            effectiveEntryDate: '190816',
            odfiIdentification: '12104288',
          }),
          entries: [
            entry({
              transactionCode: 27,
              rdfiIdentification: '23138010',
              checkDigit: '4',
              dfiAccountNumber: '123456789',
              amount: 200_000_000,
              individualIdentificationNumber: '',
              individualName: 'Debit Account',
              discretionaryData: '',
              traceNumber: '121042880000001',
            }),
          ],
        },
      ],
    );
    const expected = (fixture ?? '').split('\n');
    const lines = format(written, { finalNewline: false }).split('\n');
    expect(lines.slice(1)).toEqual(expected.slice(1));
    // Only the Immediate Origin differs: a blank and 9 digits here, "0231380104" in the file.
    expect(lines[0]).toBe((expected[0] ?? '').replace('0231380104', ' 231380104'));
  });

  it('streams each line to emit as soon as it is known', () => {
    const emitted: string[] = [];
    const writer = new NachaWriter(fileHeader(), (line) => emitted.push(line));
    expect(emitted).toHaveLength(1);
    writer.beginBatch(batchHeader());
    writer.addEntry(entry());
    expect(emitted).toHaveLength(3);
    writer.endBatch();
    writer.end();
    expect(emitted).toHaveLength(10);
    expect(writer.lines()).toEqual([]);
  });

  it('keeps the 10 least significant digits of the entry hash', () => {
    const entries = Array.from({ length: 150 }, (_, index) =>
      entry({ rdfiIdentification: '99999999', checkDigit: '9', traceNumber: traceNumberFor(ODFI, index + 1) }),
    );
    const built = buildNachaFile(fileHeader(), [{ header: batchHeader(), entries }]);
    expect(built.batches[0]?.control.entryHash).toBe((99_999_999 * 150) % 10_000_000_000);
    expect(String(99_999_999 * 150)).toHaveLength(11);
  });

  it('writes and reads back 100,000 entries in well under 5 seconds', () => {
    const started = performance.now();
    const lines: string[] = [];
    const writer = new NachaWriter(fileHeader(), (line) => lines.push(line));
    writer.beginBatch(batchHeader());
    for (let sequence = 1; sequence <= 100_000; sequence += 1) {
      writer.addEntry(entry({ amount: sequence, traceNumber: traceNumberFor(ODFI, sequence) }));
    }
    writer.endBatch();
    const control = writer.end();
    const text = `${lines.join('\n')}\n`;
    const written = performance.now();
    const result = parse(text);
    const read = performance.now();
    expect(result.errors).toEqual([]);
    expect(control).toMatchObject({ entryAddendaCount: 100_000, totalDebitAmount: (100_000 * 100_001) / 2, blockCount: 10_001 });
    expect(written - started).toBeLessThan(5_000);
    expect(read - written).toBeLessThan(5_000);
    // The test's own limit: the measured times above are what is asserted, on a machine that may be busy.
  }, 30_000);

  it('refuses what it cannot write, naming the field', () => {
    const writer = new NachaWriter(fileHeader());
    expect(() => writer.addEntry(entry())).toThrow(NachaFormatError);
    writer.beginBatch(batchHeader());
    expect(() => writer.addEntry(entry({ individualName: 'A name far too long for 22 characters' }))).toThrow(/^IndividualName: /);
    expect(() => writer.addEntry(entry({ amount: 12.5 }))).toThrow(/^Amount: /);
    expect(() => writer.addEntry(entry({ amount: 10_000_000_000 }))).toThrow(/^Amount: /);
    expect(() => writer.end()).toThrow(/has not ended/);
    writer.endBatch();
    writer.end();
    expect(() => writer.beginBatch(batchHeader())).toThrow(/the file has ended/);
  });

  it('numbers trace numbers from the ODFI identification', () => {
    expect(traceNumberFor('23138010', 42)).toBe('231380100000042');
    expect(() => traceNumberFor('2313801', 1)).toThrow(NachaFormatError);
    expect(() => traceNumberFor('23138010', 10_000_000)).toThrow(NachaFormatError);
  });
});
