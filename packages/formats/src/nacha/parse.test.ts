import { describe, expect, it } from 'vitest';
import { NachaFileError, NachaParseError, buildNachaFile, format, parse, parseOrThrow } from './index.ts';
import { batchHeader, entry, fileHeader } from './test-records.ts';

const validText = format(buildNachaFile(fileHeader(), [{ header: batchHeader(), entries: [entry()] }]));
const lines = validText.split('\n').filter((line) => line !== '' && !line.startsWith('99'));

function errorsOf(text: string): Array<[number, string, string]> {
  return parse(text).errors.map((error) => [error.line, error.field, error.reason]);
}

describe('parse', () => {
  it('reads bytes as well as text', () => {
    const result = parse(new TextEncoder().encode(validText));
    expect(result.ok).toBe(true);
    expect(parse(validText)).toEqual(result);
  });

  it('reads CRLF line endings', () => {
    expect(parse(validText.replaceAll('\n', '\r\n')).ok).toBe(true);
  });

  it('parseOrThrow returns the file, or throws every error with the partial file', () => {
    expect(parseOrThrow(validText).batches).toHaveLength(1);
    const broken = validText.replace('0000125000', '00001250x0');
    let thrown: unknown;
    try {
      parseOrThrow(broken);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NachaFileError);
    const fileError = thrown as NachaFileError;
    expect(fileError.errors).toEqual([expect.any(NachaParseError)]);
    expect(fileError.errors[0]).toMatchObject({ line: 3, field: 'Amount', message: 'line 3: Amount must be numeric and found "00001250x0"' });
    expect(fileError.partial.batches[0]?.entries).toHaveLength(1);
  });

  it('reports records out of place, by line', () => {
    const [header = '', batch = '', detail = '', batchControl = '', fileControl = ''] = lines;
    expect(errorsOf([batch, header, detail, batchControl, fileControl].join('\n'))).toEqual([
      [1, 'BatchHeader', 'batch header found before the file header'],
      [2, 'FileHeader', 'file header must be the first record'],
      [1, 'FileHeader', 'file header record is missing'],
    ]);
    expect(errorsOf([header, detail, fileControl].join('\n'))).toEqual([[2, 'EntryDetail', 'entry detail found outside a batch']]);
    expect(errorsOf([header, batch, detail, batchControl].join('\n'))).toEqual([[4, 'FileControl', 'file control record is missing']]);
    expect(errorsOf([header, batch, `7${'0'.repeat(93)}`, detail, batchControl, fileControl].join('\n'))).toEqual([
      [3, 'Addenda', 'addenda record found without an entry detail'],
    ]);
    expect(errorsOf([header, batch, detail, `702${' '.repeat(91)}`, batchControl, fileControl].join('\n'))).toEqual([
      [4, 'TypeCode', 'addenda type "02" is not supported (05, 98 and 99 are)'],
    ]);
    expect(errorsOf([header, batch, detail, batchControl, `X${' '.repeat(93)}`, fileControl].join('\n'))).toEqual([
      [5, 'RecordType', '"X" is not a record type code (1, 5, 6, 7, 8 or 9)'],
    ]);
  });

  it('ignores block padding wherever it is and stops at a record after the file control', () => {
    const padded = [...lines.slice(0, 2), '9'.repeat(94), ...lines.slice(2)].join('\n');
    expect(parse(padded).ok).toBe(true);
    expect(errorsOf([...lines, lines[1] ?? '', lines[2] ?? ''].join('\n'))).toEqual([[6, 'Record', 'records found after file control']]);
  });
});
