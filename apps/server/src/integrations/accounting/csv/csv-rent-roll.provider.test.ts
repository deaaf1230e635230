import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError, type AccountingRow, type ProviderItem, type RowError } from '../accounting-provider.ts';
import { createCsvRentRollProvider, detectDelimiter, MAX_IMPORT_BYTES, type CsvRentRollSettings } from './csv-rent-roll.provider.ts';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

async function readAll(settings: CsvRentRollSettings) {
  const items: ProviderItem[] = [];
  let total: number | null = null;
  for await (const item of createCsvRentRollProvider(settings).readResidents({ onTotal: (count) => (total = count) })) items.push(item);
  const rows = items.flatMap((item) => (item.kind === 'row' ? [item.row] : []));
  const errors = items.flatMap((item) => (item.kind === 'error' ? [item.error] : []));
  return { rows, errors, total };
}

const readFixture = (name: string, mapping?: Record<string, string>) => readAll({ source: () => createReadStream(fixture(name)), mapping });
const readText = (text: string | Buffer) => readAll({ source: () => Readable.from([Buffer.from(text)]) });

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

const byId = (rows: AccountingRow[], id: string) => rows.find((row) => row.residentId === id);
const summary = (errors: RowError[]) => errors.map((error) => [error.row, error.field]);

describe('CSV rent roll: fixtures', () => {
  it('reads a clean standard rent roll', async () => {
    const { rows, errors, total } = await readFixture('rent-roll-standard.csv');
    expect(errors).toEqual([]);
    expect(total).toBe(5);
    expect(rows.map((row) => row.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]).toEqual({
      row: 2,
      propertyCode: 'MAPLE',
      propertyName: 'Maple Court Apartments',
      street: '120 Maple Ave',
      city: 'Columbus',
      state: 'OH',
      postalCode: '43215',
      unitCode: '101',
      residentId: 't0001001',
      firstName: 'Avery',
      lastName: 'Quill',
      emails: ['avery.quill@example.com'],
      phones: ['614-555-0101'],
      leaseStart: '2025-01-01',
      leaseEnd: '2025-12-31',
      rentCents: 125000,
      balanceCents: 0,
      status: 'current',
      doNotAcceptPayments: false,
    });
    expect(byId(rows, 't0001003')).toMatchObject({ leaseStart: '2025-03-01', leaseEnd: '2026-02-28', rentCents: 134000, balanceCents: -5000, status: 'notice' });
    expect(byId(rows, 't0002001')).toMatchObject({ leaseEnd: null, doNotAcceptPayments: true });
    expect(byId(rows, 't0003001')).toMatchObject({ unitCode: null, propertyCode: 'ELM7' });
  });

  it('reads UTF-8 with a byte-order mark, CRLF line ends and semicolons', async () => {
    const { rows, errors } = await readFixture('rent-roll-bom-crlf-semicolon.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.row, row.propertyCode, row.residentId])).toEqual([
      [2, 'MAPLE', 't0001001'],
      [3, 'MAPLE', 't0001002'],
      [4, 'BIRCH', 't0002001'],
    ]);
    expect(rows[0]).toMatchObject({ doNotAcceptPayments: false, rentCents: 125000 });
  });

  it('reads quoted commas, quotes and line breaks, numbering rows by the line they start on', async () => {
    const { rows, errors } = await readFixture('rent-roll-quoted.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.row, row.residentId])).toEqual([
      [2, 't0001001'],
      [3, 't0001002'],
      [5, 't0001003'],
      [7, 't0001004'],
    ]);
    expect(rows[0]).toMatchObject({ propertyName: 'Maple Court, Building A', emails: ['avery.quill@example.com', 'avery.q@example.org'], rentCents: 125000 });
    expect(rows[1]).toMatchObject({ street: '120 Maple Ave\r\nBuilding A, Rear Entrance', firstName: 'Robert "Bobby"', lastName: "O'Neill" });
    expect(rows[2]).toMatchObject({ street: '120 Maple Ave\nRear Building', firstName: 'Mary Ann', lastName: 'Lopez, Jr.' });
  });

  it('skips blank, whitespace-only and empty-cell lines without losing line numbers', async () => {
    const { rows, errors, total } = await readFixture('rent-roll-blank-lines.csv');
    expect(errors).toEqual([]);
    expect(total).toBe(3);
    expect(rows.map((row) => [row.row, row.residentId])).toEqual([
      [4, 't0001001'],
      [7, 't0001002'],
      [9, 't0001003'],
    ]);
  });

  it('reports a repeated resident ID and keeps the first', async () => {
    const { rows, errors } = await readFixture('rent-roll-duplicates.csv');
    expect(rows.map((row) => row.row)).toEqual([2, 3, 5]);
    expect(byId(rows, 't0001001')?.unitCode).toBe('101');
    expect(errors).toEqual([{ row: 4, field: 'resident_id', message: 'Resident ID t0001001 already appears on row 2' }]);
  });

  it('reports each invalid row by line and field, and still imports the good rows', async () => {
    const { rows, errors, total } = await readFixture('rent-roll-invalid.csv');
    expect(summary(errors)).toEqual([
      [2, 'resident_id'],
      [3, 'lease_start'],
      [4, 'lease_end'],
      [5, 'rent'],
      [6, 'rent'],
      [7, 'status'],
    ]);
    expect(errors[1]?.message).toContain('"13/45/2024" is not a date');
    expect(errors[2]?.message).toContain('before it starts');
    expect(errors[3]?.message).toBe('Rent cannot be negative');
    expect(errors[4]?.message).toBe('"abc" is not an amount');
    expect(errors[5]?.message).toContain('Unknown status "evicted"');
    expect(rows.map((row) => [row.row, row.residentId])).toEqual([[8, 't0001007']]);
    expect(total).toBe(7);
  });

  it('reports ragged rows as row errors, accepting trailing empty cells', async () => {
    const { rows, errors } = await readFixture('rent-roll-ragged.csv');
    expect(summary(errors)).toEqual([
      [2, null],
      [3, null],
    ]);
    expect(errors[0]?.message).toBe('This row has 19 values but the header has 18 columns; a value may contain an unquoted delimiter');
    expect(errors[1]?.message).toMatch(/^This row has 11 values but the header has 18 columns/);
    expect(rows.map((row) => [row.row, row.residentId])).toEqual([[4, 't0001003']]);
  });

  it('keeps roommates as separate residents at one unit', async () => {
    const { rows, errors } = await readFixture('rent-roll-roommates.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.unitCode, row.residentId, row.firstName, row.emails[0]])).toEqual([
      ['B-1', 't0002101', 'Hana', 'hana.whitlock@example.com'],
      ['B-1', 't0002102', 'Ilya', 'ilya.whitlock@example.com'],
      ['B-1', 't0002103', 'Jonah', 'jonah.pereira@example.com'],
    ]);
  });

  it('reads future, past and notice residents', async () => {
    const { rows, errors } = await readFixture('rent-roll-future-past.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.residentId, row.status, row.balanceCents])).toEqual([
      ['t0001301', 'future', 0],
      ['t0001302', 'past', -7500],
      ['t0001303', 'past', 31025],
      ['t0001304', 'notice', 0],
    ]);
  });

  it('accepts rows without an email', async () => {
    const { rows, errors } = await readFixture('rent-roll-no-email.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.emails)).toEqual([[], [], ['bruno.castellan@example.com']]);
    expect(rows[0]?.phones).toEqual(['937-555-0177']);
  });

  it('reads a custom export by its header synonyms, splitting the full name', async () => {
    const { rows, errors } = await readFixture('rent-roll-custom-export.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.residentId, row.firstName, row.lastName, row.status, row.leaseStart, row.rentCents, row.balanceCents])).toEqual([
      ['t0001001', 'Avery', 'Quill', 'current', '2025-01-01', 125000, 0],
      ['t0001002', 'Bruno', 'Castellan', 'notice', '2024-06-01', 119550, 12500],
      ['t0001003', 'Theo Jr.', 'Vance', 'future', '2026-09-01', 135000, 0],
      ['t0001004', 'Mary Ann', 'Ortiz', 'past', '2023-01-01', 115000, -4000],
    ]);
    expect(rows[0]).toMatchObject({ propertyCode: 'MAPLE', unitCode: '101', phones: ['614-555-0101', '614-555-0191'], postalCode: '43215' });
  });

  it('reads a file with a saved column mapping', async () => {
    const mapping = { Bldg: 'property_code', Apt: 'unit', Acct: 'resident_id', Given: 'first_name', Family: 'last_name', 'Monthly Charge': 'rent', 'Lease Begins': 'lease_start', 'Lease Terminates': 'lease_end', Occupancy: 'status', Notes: '' };
    const { rows, errors } = await readFixture('rent-roll-saved-mapping.csv', mapping);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ propertyCode: 'BIRCH', unitCode: 'B-7', residentId: 't0002701', firstName: 'Sol', rentCents: 152500, leaseEnd: '2026-04-30' });
  });
});

describe('CSV rent roll: hostile values', () => {
  it('refuses a value holding a control character as a row error naming the field', async () => {
    const { rows, errors } = await readText('resident_id,property_code,first_name,last_name,email\nt1,MAPLE,Ann\u001b[31m,Lee,ann@example.com\nt2,MAPLE,Bo,Ray,bo@example.com\n');
    expect(errors).toEqual([{ row: 2, field: 'first_name', message: 'This value holds a control character; remove it in your accounting system' }]);
    expect(rows.map((row) => row.residentId)).toEqual(['t2']);
  });

  it('refuses an overlong value as a row error before validating it', async () => {
    const email = `a@${'a.'.repeat(200_000)}@`;
    const started = performance.now();
    const { rows, errors } = await readText(`resident_id,property_code,first_name,last_name,email\nt1,MAPLE,Ann,Lee,${email}\nt2,MAPLE,Bo,Ray,bo@example.com\n`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(errors).toEqual([{ row: 2, field: 'email', message: 'This value is 400003 characters long; the most a field can hold is 1000' }]);
    expect(rows.map((row) => row.residentId)).toEqual(['t2']);
  });
});

describe('CSV rent roll: whole-file failures', () => {
  it('refuses an empty file', async () => {
    expect((await sourceErrorOf(readText(''))).message).toBe('The file is empty');
    expect((await sourceErrorOf(readText('\r\n  \n'))).message).toBe('The file is empty');
  });

  it('refuses a header without the required columns, naming them', async () => {
    const error = await sourceErrorOf(readText('Unit,First Name,Last Name,Rent\n101,Ann,Lee,1200\n'));
    expect(error.message).toContain('no column was found for: Resident ID, Property code');
    expect(error.retryable).toBe(false);
  });

  it('refuses a file whose first line is data, not a header', async () => {
    const error = await sourceErrorOf(readText('MAPLE,101,t0001001,Avery,Quill\n'));
    expect(error.message).toMatch(/^The first line must be a header row/);
  });

  it('refuses a saved mapping that names an unknown field', async () => {
    const error = await sourceErrorOf(readFixture('rent-roll-saved-mapping.csv', { Acct: 'tenant' }));
    expect(error.message).toContain('"tenant", which is not a field');
  });

  it('sends XML and JSON files to the right format', async () => {
    expect((await sourceErrorOf(readText('<?xml version="1.0"?>\n<ResidentTransactions/>'))).message).toBe(
      'This looks like an XML file, not a CSV rent roll; choose the MITS format to import it',
    );
    expect((await sourceErrorOf(readText('[{"resident_id":"t1"}]'))).message).toContain('looks like a JSON file');
    expect((await sourceErrorOf(readText('{\n  "residents": []\n}'))).message).toContain('looks like a JSON file');
  });

  it('refuses binary content, UTF-16, Excel workbooks and text that is not UTF-8', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect((await sourceErrorOf(readText(png))).message).toBe('This is not a text file (it contains binary data at byte 9)');
    expect((await sourceErrorOf(readText(Buffer.from('\ufeffresident_id,property_code\n', 'utf16le')))).message).toContain('UTF-16');
    expect((await sourceErrorOf(readText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))).message).toContain('Excel workbook');
    const latin1 = Buffer.from('resident_id,property_code,first_name,last_name\nt1,MAPLE,Ren\xe9e,Dubois\n', 'latin1');
    expect((await sourceErrorOf(readText(latin1))).message).toMatch(/^The file is not UTF-8 text/);
  });

  it('refuses a quote that is never closed, naming where it may start', async () => {
    const text = 'resident_id,property_code,first_name,last_name\nt1,MAPLE,Ann,Lee\nt2,MAPLE,"Bo,Ray\nt3,MAPLE,Cy,Day\n';
    expect((await sourceErrorOf(readText(text))).message).toBe('A quoted value starting on line 3 or later is never closed; check that row for a missing quote');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const items = createCsvRentRollProvider({ source: () => createReadStream(fixture('rent-roll-standard.csv')) }).readResidents({ signal: controller.signal });
    const iterator = items[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await expect(iterator.next()).rejects.toThrow(/abort/i);
  });
});

describe('CSV rent roll: size limit', () => {
  let directory: string;
  let bigFile: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'rentledger-csv-'));
    bigFile = path.join(directory, 'rent-roll-60mb.csv');
    const out = createWriteStream(bigFile);
    out.write('property_code,property_name,unit,resident_id,first_name,last_name,rent\n');
    // Long rows keep the number of rows parsed before the limit trips, and so the test, short.
    const name = `Maple Court ${'Apartments '.repeat(90)}`;
    const block = Array.from({ length: 1_000 }, (_, index) => `MAPLE,${name},${index},t${String(index).padStart(7, '0')},Avery,Quill,1250.00\n`).join('');
    const blocks = Math.ceil((60 * 1024 * 1024) / Buffer.byteLength(block));
    for (let written = 0; written < blocks; written += 1) {
      if (!out.write(block)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('refuses a 60 MB file up front from its declared size', async () => {
    const size = statSync(bigFile).size;
    expect(size).toBeGreaterThan(60 * 1024 * 1024 - 1);
    let opened = false;
    const source = () => {
      opened = true;
      return createReadStream(bigFile);
    };
    const error = await sourceErrorOf(readAll({ source, sizeBytes: size }));
    expect(error.message).toMatch(/^The file is 60\.\d MB; the most that can be imported is 50 MB$/);
    expect(opened).toBe(false);
  });

  it('refuses a 60 MB file while reading it when no size was declared', { timeout: 30_000 }, async () => {
    const error = await sourceErrorOf(readAll({ source: () => createReadStream(bigFile) }));
    expect(error.message).toBe('The file is larger than 50 MB, the most that can be imported');
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter the header uses most, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('"Name, full";Unit;Rent')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('resident_id')).toBe(',');
  });
});
