import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { SourceError, type AccountingProvider, type FetchOptions, type ProviderItem } from '../accounting-provider.ts';
import { createDuplicateGuard, toAccountingRow, type RawRecord } from '../accounting-row.domain.ts';
import { detectDelimiter, FIELD_LABELS, planColumns, splitFullName, TooManyColumnsError, UnknownFieldError, type CsvField } from './csv-columns.ts';
import { refuseUnsafeValues } from './raw-value.limit.ts';
import { MAX_IMPORT_BYTES, readUploadText, refuseOversizedUpload, type UploadSource } from './upload-text.reader.ts';

export { detectDelimiter, MAX_IMPORT_BYTES };

export type CsvRentRollSettings = {
  /** Opens the upload; called once per read. */
  source: UploadSource;
  /** The size the upload declared, to refuse a huge file before reading it. */
  sizeBytes?: number;
  /** The company's saved column mapping: header text -> field ("" ignores the column). */
  mapping?: Record<string, string>;
};

/**
 * A rent roll exported from any accounting system as CSV. Rows are numbered by
 * the line they start on (the header is line 1), so a landlord can find them
 * in a spreadsheet. onTotal is called at the end with the number of data rows.
 */
export function createCsvRentRollProvider(settings: CsvRentRollSettings): AccountingProvider {
  return { kind: 'csv', readResidents: (options) => readRentRoll(settings, options) };
}

/** A record this long is a quote that was never closed, not a resident. */
const MAX_RECORD_CHARS = 1_000_000;
const FIRST_LINE_LIMIT = 1_000_000;
/** Header names quoted in the message of a header that misses a required column. */
const FOUND_SHOWN = 30;

async function* readRentRoll(settings: CsvRentRollSettings, options: FetchOptions = {}): AsyncGenerator<ProviderItem> {
  refuseOversizedUpload(settings.sizeBytes);
  const { firstLine, text } = await peekFirstLine(readUploadText(settings.source));
  refuseOtherFormats(firstLine);
  const parser = parse({
    delimiter: detectDelimiter(firstLine),
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines come through as records and are skipped below, so every line is counted.
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  const input = Readable.from(text);
  input.once('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    yield* readRecords(parser as AsyncIterable<string[]>, settings.mapping, options);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

async function* readRecords(
  records: AsyncIterable<string[]>,
  mapping: Record<string, string> | undefined,
  { signal, onTotal }: FetchOptions,
): AsyncGenerator<ProviderItem> {
  const guard = createDuplicateGuard();
  const lines = createLineCounter();
  let columns: (CsvField | null)[] | null = null;
  let rowCount = 0;
  try {
    for await (const record of records) {
      signal?.throwIfAborted();
      const line = lines.startOf(record);
      if (isBlank(record)) continue;
      if (!columns) {
        columns = readHeader(record, mapping);
        continue;
      }
      rowCount += 1;
      for (const item of readDataRow(line, record, columns)) yield guard(item);
    }
  } catch (error) {
    throw error instanceof CsvError ? csvErrorToSourceError(error, lines.next()) : error;
  }
  if (!columns) throw new SourceError('The file is empty');
  onTotal?.(rowCount);
}

/**
 * csv-parse counts a CRLF inside a quoted value as two lines, so its own line
 * numbers drift; each record's start line is rebuilt from the line breaks
 * inside the records before it.
 */
function createLineCounter() {
  let linesBefore = 0;
  return {
    startOf(record: string[]): number {
      const start = linesBefore + 1;
      linesBefore += 1 + record.reduce((breaks, value) => breaks + countLineBreaks(value), 0);
      return start;
    },
    /** The first line after the last record read, where a broken record begins at the earliest. */
    next: (): number => linesBefore + 1,
  };
}

function countLineBreaks(value: string): number {
  if (!value.includes('\n') && !value.includes('\r')) return 0;
  return value.match(/\r\n|\r|\n/g)?.length ?? 0;
}

const isBlank = (record: string[]) => record.every((value) => value.trim() === '');

function readHeader(header: string[], mapping: Record<string, string> | undefined): (CsvField | null)[] {
  let plan;
  try {
    plan = planColumns(header, mapping);
  } catch (error) {
    if (error instanceof UnknownFieldError || error instanceof TooManyColumnsError) throw new SourceError(error.message);
    throw error;
  }
  if (plan.missingRequired.length > 0) {
    const missing = plan.missingRequired.map((field) => FIELD_LABELS[field]).join(', ');
    // The columns found, a few and each short: the message names them, it does not copy the header.
    const names = header.map((name) => name.trim()).filter(Boolean);
    const shown = names.slice(0, FOUND_SHOWN).map((name) => `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}"`);
    const found = names.length > FOUND_SHOWN ? `${shown.join(', ')} and ${names.length - FOUND_SHOWN} more` : shown.join(', ');
    throw new SourceError(
      `The first line must be a header row naming the columns; no column was found for: ${missing} (found: ${found}). Rename the columns or save a column mapping.`,
    );
  }
  return plan.columns;
}

function readDataRow(line: number, values: string[], columns: (CsvField | null)[]): ProviderItem[] {
  const extra = values.slice(columns.length);
  if (values.length < columns.length || extra.some((value) => value.trim() !== '')) {
    const message = `This row has ${values.length} values but the header has ${columns.length} columns; a value may contain an unquoted ${values.length > columns.length ? 'delimiter' : 'line break'}`;
    return [{ kind: 'error', error: { row: line, field: null, message } }];
  }
  const raw = toRawRecord(values, columns);
  const overlong = refuseUnsafeValues(line, raw);
  return overlong ? [overlong] : toAccountingRow(line, raw);
}

function toRawRecord(values: string[], columns: (CsvField | null)[]): RawRecord {
  const raw: RawRecord = {};
  const emails: string[] = [];
  const phones: string[] = [];
  let fullName = '';
  columns.forEach((field, index) => {
    const value = values[index] ?? '';
    if (!field) return;
    if (field === 'email') emails.push(value);
    else if (field === 'phone') phones.push(value);
    else if (field === 'full_name') fullName = value;
    else raw[field] = value;
  });
  raw.email = emails.filter((email) => email.trim()).join(';');
  raw.phone = phones.filter((phone) => phone.trim()).join(';');
  if (!raw.first_name?.trim() && !raw.last_name?.trim() && fullName.trim()) {
    const { firstName, lastName } = splitFullName(fullName);
    raw.first_name = firstName;
    raw.last_name = lastName;
  }
  return raw;
}

/** Reads up to the first line break of the first non-blank line, then hands back the whole text, unconsumed. */
async function peekFirstLine(chunks: AsyncIterable<string>): Promise<{ firstLine: string; text: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: string[] = [];
  let buffered = '';
  for (;;) {
    const firstLine = completeFirstLine(buffered);
    if (firstLine !== null) return { firstLine, text: replay(seen, iterator) };
    if (buffered.length > FIRST_LINE_LIMIT) throw new SourceError('The first 1 MB of the file holds no complete header line; this is not a CSV rent roll');
    const next = await iterator.next();
    if (next.done) {
      if (!buffered.trim()) throw new SourceError('The file is empty');
      return { firstLine: buffered.trim(), text: replay(seen, iterator) };
    }
    seen.push(next.value);
    buffered += next.value;
  }
}

/** The first non-blank line once its line break has arrived; a scan, not a regular expression, as the text is untrusted. */
function completeFirstLine(text: string): string | null {
  const start = text.search(/\S/);
  if (start === -1) return null;
  const end = text.slice(start).search(/[\r\n]/);
  return end === -1 ? null : text.slice(start, start + end);
}

async function* replay(seen: string[], rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield* seen;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function refuseOtherFormats(firstLine: string) {
  const start = firstLine.trimStart();
  if (start.startsWith('<')) throw new SourceError('This looks like an XML file, not a CSV rent roll; choose the MITS format to import it');
  if (/^(\{\s*("|}|$)|\[\s*(\{|"|\[|]|$))/.test(start)) throw new SourceError('This looks like a JSON file, not a CSV rent roll; export the rent roll as CSV');
}

function csvErrorToSourceError(error: CsvError, fromLine: number): SourceError {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new SourceError(`A quoted value starting on line ${fromLine} or later is never closed; check that row for a missing quote`);
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new SourceError(`A row starting on line ${fromLine} or later is over 1 MB long; a quote is probably missing`);
  }
  return new SourceError(`The file could not be read as CSV near line ${fromLine}: ${error.message}`);
}
