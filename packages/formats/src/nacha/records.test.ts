import { describe, expect, it } from 'vitest';
import { addenda05Record } from './addenda-05.record.ts';
import { addenda98Record } from './addenda-98.record.ts';
import { addenda99Record } from './addenda-99.record.ts';
import { batchControlRecord } from './batch-control.record.ts';
import { batchHeaderRecord } from './batch-header.record.ts';
import { entryDetailRecord } from './entry-detail.record.ts';
import { NachaFormatError, defineRecord, formatField, parseField } from './field.ts';
import type { FieldProblem } from './field.ts';
import { fileControlRecord } from './file-control.record.ts';
import { fileHeaderRecord } from './file-header.record.ts';
import { recordLines } from './record-lines.ts';

const CODECS = [fileHeaderRecord, batchHeaderRecord, entryDetailRecord, addenda05Record, addenda98Record, addenda99Record, batchControlRecord, fileControlRecord];

describe('record tables', () => {
  it('cover positions 1-94 of every record without gaps or overlaps', () => {
    for (const codec of CODECS) {
      const widths = codec.fields.reduce((sum, spec) => sum + spec.end - spec.start + 1, codec.prefix.length);
      expect(widths, codec.prefix).toBe(94);
    }
  });

  it('refuse a table with a gap when it is defined', () => {
    expect(() =>
      defineRecord<{ a: string; b: string }>('1', [
        { key: 'a', name: 'A', start: 2, end: 10, kind: 'alpha' },
        { key: 'b', name: 'B', start: 12, end: 94, kind: 'alpha' },
      ]),
    ).toThrow(/field B should start at 11/);
  });

  it('read an entry detail by the positions in its comments', () => {
    const line = '62723138010412345678         0100000000               Receiver Account Name   0121042880000001';
    expect(entryDetailRecord.parse(line)).toEqual({
      record: {
        transactionCode: 27,
        rdfiIdentification: '23138010',
        checkDigit: '4',
        dfiAccountNumber: '12345678',
        amount: 100_000_000,
        individualIdentificationNumber: '',
        individualName: 'Receiver Account Name',
        discretionaryData: '',
        addendaRecordIndicator: '0',
        traceNumber: '121042880000001',
      },
      problems: [],
    });
    const { record } = entryDetailRecord.parse(line);
    expect(entryDetailRecord.format(record)).toBe(line);
  });
});

describe('fields', () => {
  it('justify alpha left with blanks and numbers right with zeros', () => {
    expect(formatField('RENT', 'alpha', 'CompanyEntryDescription', 10)).toBe('RENT      ');
    expect(formatField(' S', 'alpha', 'DiscretionaryData', 2)).toBe(' S');
    expect(formatField(12_345, 'numeric', 'Amount', 10)).toBe('0000012345');
    expect(formatField('4', 'digits', 'CheckDigit', 1)).toBe('4');
    expect(formatField('231380104', 'routing10', 'ImmediateOrigin', 10)).toBe(' 231380104');
    expect(formatField('1234567890', 'routing10', 'ImmediateOrigin', 10)).toBe('1234567890');
  });

  it('refuse values that do not fit, naming the field', () => {
    expect(() => formatField('ELEVEN CHRS', 'alpha', 'CompanyEntryDescription', 10)).toThrow(NachaFormatError);
    expect(() => formatField('two\nlines', 'alpha', 'IndividualName', 22)).toThrow(/IndividualName: must not contain a line break/);
    expect(() => formatField(-1, 'numeric', 'Amount', 10)).toThrow(/Amount/);
    expect(() => formatField(Number.NaN, 'numeric', 'Amount', 10)).toThrow(/Amount/);
    expect(() => formatField('12a', 'digits', 'TraceNumber', 15)).toThrow(/TraceNumber/);
    expect(() => formatField('12345678', 'routing10', 'ImmediateDestination', 10)).toThrow(/ImmediateDestination/);
  });

  it('report what they cannot read and keep going', () => {
    const problems: FieldProblem[] = [];
    expect(parseField('00CCC00004', 'numeric', 'Amount', problems)).toBeNaN();
    expect(parseField('121042889AAZZZ8', 'digits', 'TraceNumber', problems)).toBe('121042889AAZZZ8');
    expect(parseField('Federal Reserve Bank   ', 'alpha', 'ImmediateDestinationName', problems)).toBe('Federal Reserve Bank');
    expect(problems.map((problem) => problem.field)).toEqual(['Amount', 'TraceNumber']);
  });
});

describe('splitting text into records', () => {
  const record = (char: string) => char.repeat(94);

  it('ends lines at LF, CR or CRLF, pads short lines and skips blank ones', () => {
    const items = Array.from(recordLines(`1short\r\n\r\n${record('5')}\r${record('6')}\n   \n`));
    expect(items).toEqual([
      { line: 1, record: '1short'.padEnd(94, ' ') },
      { line: 3, record: record('5') },
      { line: 4, record: record('6') },
    ]);
  });

  it('chops a line without breaks into 94-character records, reporting a short remainder', () => {
    const items = Array.from(recordLines(`${record('1')}${record('5')}9`));
    expect(items).toEqual([
      { line: 1, record: record('1') },
      { line: 2, record: record('5') },
      { line: 3, wrongLength: 1 },
    ]);
  });
});
