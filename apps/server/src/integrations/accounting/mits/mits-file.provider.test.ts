import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SourceError, type ProviderItem } from '../accounting-provider.ts';
import { mitsDocumentPieces } from '../../../test/mits-generator.ts';
import { MAX_IMPORT_BYTES } from '../csv/upload-text.reader.ts';
import { createMitsFileProvider, preflightMitsFile, type MitsFileSettings } from './mits-file.provider.ts';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

async function readAll(settings: MitsFileSettings) {
  const items: ProviderItem[] = [];
  let total: number | null = null;
  for await (const item of createMitsFileProvider(settings).readResidents({ onTotal: (count) => (total = count) })) items.push(item);
  return { items, total };
}

const readText = (content: string | Buffer) => readAll({ source: () => Readable.from([Buffer.from(content)]) });

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('MITS file provider', () => {
  it('reads an uploaded ResidentTransactions file and reports the total', async () => {
    const { items, total } = await readAll({ source: () => createReadStream(fixture('resident-transactions.xml')) });
    expect(total).toBe(14);
    expect(items.filter((item) => item.kind === 'row')).toHaveLength(13);
    expect(items.filter((item) => item.kind === 'error')).toHaveLength(1);
  });

  it('reads a SOAP-wrapped file', async () => {
    const { items } = await readAll({ source: () => createReadStream(fixture('resident-transactions-soap.xml')) });
    expect(items.map((item) => (item.kind === 'row' ? item.row.residentId : item.error.message))).toEqual(['t0303001', 't0303002']);
  });

  it('reports a resident ID that appears twice', async () => {
    const xml = readFileSync(fixture('resident-transactions.xml'), 'utf8').replace('<MITS:CustomerID>r0000602</MITS:CustomerID>', '<MITS:CustomerID>r0000601</MITS:CustomerID>');
    const { items } = await readText(xml);
    expect(items.filter((item) => item.kind === 'error').map((item) => item.kind === 'error' && item.error)).toContainEqual({
      row: 14,
      field: 'resident_id',
      message: 'Resident ID r0000601 already appears on row 13',
    });
  });

  it('refuses a file with a DTD and a broken file', async () => {
    expect((await sourceErrorOf(readAll({ source: () => createReadStream(fixture('resident-transactions-dtd.xml')) }))).message).toContain('DOCTYPE');
    expect((await sourceErrorOf(readAll({ source: () => createReadStream(fixture('resident-transactions-broken.xml')) }))).message).toMatch(/^The XML is broken at line 15/);
  });

  it('refuses empty, CSV, binary and oversized uploads', async () => {
    expect((await sourceErrorOf(readText(''))).message).toBe('The file is empty');
    expect((await sourceErrorOf(readText('resident_id,property_code\nt1,MAPLE\n'))).message).toBe('This is not an XML file; to import a spreadsheet rent roll, choose the CSV format');
    expect((await sourceErrorOf(readText(Buffer.from([0x3c, 0x61, 0x00, 0x3e])))).message).toContain('binary data');
    const oversized = await sourceErrorOf(readAll({ source: () => Readable.from([]), sizeBytes: MAX_IMPORT_BYTES + 1 }));
    expect(oversized.message).toBe('The file is 50.1 MB; the most that can be imported is 50 MB');
  });

  it('checks the whole file in a preflight pass that answers the number of residents', async () => {
    expect(await preflightMitsFile({ source: () => createReadStream(fixture('resident-transactions.xml')) })).toBe(14);
    const cutShort = readFileSync(fixture('resident-transactions.xml'), 'utf8').slice(0, -40);
    expect((await sourceErrorOf(preflightMitsFile({ source: () => Readable.from([Buffer.from(cutShort)]) }))).message).toMatch(/^The XML is broken at line \d+, column \d+: /);
  });

  it('streams a large file: rows come out before the file is read to its end', async () => {
    const households = 20_000;
    const pieces = [...mitsDocumentPieces({ properties: 20, unitsPerProperty: households / 20 })];
    let piecesRead = 0;
    let piecesReadAtFirstRow: number | null = null;
    const source = async function* () {
      for (const piece of pieces) {
        piecesRead += 1;
        yield Buffer.from(piece);
      }
    };
    let rows = 0;
    let total: number | null = null;
    for await (const item of createMitsFileProvider({ source }).readResidents({ onTotal: (count) => (total = count) })) {
      expect(item.kind).toBe('row');
      piecesReadAtFirstRow ??= piecesRead;
      rows += 1;
    }
    expect(rows).toBe(households);
    expect(total).toBe(households);
    expect(piecesReadAtFirstRow).toBeLessThan(3);
    expect(pieces.length).toBeGreaterThan(100);
  });
});
