import { addenda05Record } from './addenda-05.record.ts';
import { addenda98Record } from './addenda-98.record.ts';
import { addenda99Record } from './addenda-99.record.ts';
import { batchControlRecord } from './batch-control.record.ts';
import { batchHeaderRecord } from './batch-header.record.ts';
import { entryDetailRecord } from './entry-detail.record.ts';
import { NachaFileError, NachaParseError } from './errors.ts';
import { RECORD_LENGTH } from './field.ts';
import type { RecordCodec } from './field.ts';
import { fileControlRecord } from './file-control.record.ts';
import { fileHeaderRecord } from './file-header.record.ts';
import type { NachaFile, PartialNachaBatch, PartialNachaFile } from './nacha-file.ts';
import { recordLines } from './record-lines.ts';
import { validate } from './validate.ts';
import type { ValidateOptions } from './validate.ts';

export interface ParseOptions extends ValidateOptions {
  /** Read the records only; do not run `validate` on a file that read cleanly. */
  skipValidation?: boolean;
}

/**
 * `ok` with the file, or the errors and everything that could still be read (records are kept even when a
 * field in them is malformed: a numeric field that could not be read is NaN).
 */
export type NachaParseResult =
  | { ok: true; file: NachaFile; errors: [] }
  | { ok: false; file: PartialNachaFile; errors: NachaParseError[] };

/**
 * Reads a NACHA file leniently, as moov does (see record-lines.ts), then validates it unless told not to.
 * Validation runs only on a file that read without errors, so its errors are not echoes of a misread field.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): NachaParseResult {
  // NACHA files are ASCII; decoding as UTF-8 keeps any stray byte visible instead of failing the read.
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  const reader = new NachaReader();
  for (const item of recordLines(text)) {
    if ('wrongLength' in item) {
      reader.error(item.line, 'Record', `must be ${RECORD_LENGTH} characters and found ${item.wrongLength}`);
      continue;
    }
    if (!reader.read(item.line, item.record)) break;
  }
  reader.finish();
  const complete = reader.complete();
  if (reader.errors.length === 0 && complete && !options.skipValidation) {
    for (const issue of validate(complete, options)) {
      reader.error(reader.lineOf(issue.path), issue.field, issue.message);
    }
  }
  if (reader.errors.length === 0 && complete) return { ok: true, file: complete, errors: [] };
  return { ok: false, file: reader.file, errors: reader.errors };
}

/** `parse`, throwing a `NachaFileError` (its `errors` and `partial` file) when the file has errors. */
export function parseOrThrow(input: string | Uint8Array, options: ParseOptions = {}): NachaFile {
  const result = parse(input, options);
  if (!result.ok) throw new NachaFileError(result.errors, result.file);
  return result.file;
}

class NachaReader {
  readonly file: PartialNachaFile = { batches: [] };
  readonly errors: NachaParseError[] = [];
  private readonly lines = new Map<string, number>();
  private openBatch: PartialNachaBatch | undefined;
  private lastLine = 0;

  error(line: number, field: string, reason: string): void {
    this.lastLine = Math.max(this.lastLine, line);
    this.errors.push(new NachaParseError(line, field, reason));
  }

  lineOf(path: string): number {
    return this.lines.get(path) ?? this.lastLine;
  }

  /** Reads one record; false when nothing more may be read. */
  read(line: number, record: string): boolean {
    this.lastLine = line;
    if (record.startsWith('99')) return true; // block padding
    if (this.file.control) {
      this.error(line, 'Record', 'records found after file control');
      return false;
    }
    switch (record[0]) {
      case '1':
        this.readFileHeader(line, record);
        break;
      case '5':
        this.readBatchHeader(line, record);
        break;
      case '6':
        this.readEntry(line, record);
        break;
      case '7':
        this.readAddenda(line, record);
        break;
      case '8':
        this.readBatchControl(line, record);
        break;
      case '9':
        this.readFileControl(line, record);
        break;
      default:
        this.error(line, 'RecordType', `"${record[0] ?? ''}" is not a record type code (1, 5, 6, 7, 8 or 9)`);
    }
    return true;
  }

  finish(): void {
    if (!this.file.header) this.error(1, 'FileHeader', 'file header record is missing');
    if (this.openBatch) this.error(this.lastLine, 'BatchControl', `batch ${this.openBatch.header.batchNumber} has no batch control`);
    if (!this.file.control) this.error(this.lastLine, 'FileControl', 'file control record is missing');
  }

  /** The file, when every record it needs was read. */
  complete(): NachaFile | undefined {
    const { header, control, batches } = this.file;
    if (!header || !control || batches.some((batch) => !batch.control)) return undefined;
    return this.file as NachaFile;
  }

  private decode<R>(codec: RecordCodec<R>, line: number, record: string, path: string): R {
    const { record: decoded, problems } = codec.parse(record);
    for (const problem of problems) this.error(line, problem.field, problem.reason);
    this.lines.set(path, line);
    return decoded;
  }

  private readFileHeader(line: number, record: string): void {
    if (this.file.header) return this.error(line, 'FileHeader', 'a second file header record');
    if (this.file.batches.length > 0) return this.error(line, 'FileHeader', 'file header must be the first record');
    this.file.header = this.decode(fileHeaderRecord, line, record, 'header');
  }

  private readBatchHeader(line: number, record: string): void {
    if (!this.file.header) this.error(line, 'BatchHeader', 'batch header found before the file header');
    if (this.openBatch) this.error(line, 'BatchHeader', `batch header found before the control of batch ${this.openBatch.header.batchNumber}`);
    const path = `batches[${this.file.batches.length}]`;
    this.openBatch = { header: this.decode(batchHeaderRecord, line, record, `${path}.header`), entries: [] };
    this.file.batches.push(this.openBatch);
  }

  private readEntry(line: number, record: string): void {
    const batch = this.openBatch;
    if (!batch) return this.error(line, 'EntryDetail', 'entry detail found outside a batch');
    const path = `${this.batchPath()}.entries[${batch.entries.length}]`;
    batch.entries.push({ entry: this.decode(entryDetailRecord, line, record, `${path}.entry`), addenda05: [] });
  }

  private readAddenda(line: number, record: string): void {
    const entry = this.openBatch?.entries.at(-1);
    if (!this.openBatch || !entry) return this.error(line, 'Addenda', 'addenda record found without an entry detail');
    const path = `${this.batchPath()}.entries[${this.openBatch.entries.length - 1}]`;
    const addendaType = record.slice(1, 3);
    if (addendaType === '05') {
      entry.addenda05.push(this.decode(addenda05Record, line, record, `${path}.addenda05[${entry.addenda05.length}]`));
    } else if (addendaType === '98') {
      if (entry.addenda98) return this.error(line, 'Addenda98', 'an entry has at most one notification of change');
      entry.addenda98 = this.decode(addenda98Record, line, record, `${path}.addenda98`);
    } else if (addendaType === '99') {
      if (entry.addenda99) return this.error(line, 'Addenda99', 'an entry has at most one return addenda');
      entry.addenda99 = this.decode(addenda99Record, line, record, `${path}.addenda99`);
    } else {
      this.error(line, 'TypeCode', `addenda type "${addendaType}" is not supported (05, 98 and 99 are)`);
    }
  }

  private readBatchControl(line: number, record: string): void {
    const batch = this.openBatch;
    if (!batch) return this.error(line, 'BatchControl', 'batch control found without a batch header');
    batch.control = this.decode(batchControlRecord, line, record, `${this.batchPath()}.control`);
    this.openBatch = undefined;
  }

  private readFileControl(line: number, record: string): void {
    if (this.openBatch) {
      this.error(line, 'FileControl', `file control found before the control of batch ${this.openBatch.header.batchNumber}`);
      this.openBatch = undefined;
    }
    this.file.control = this.decode(fileControlRecord, line, record, 'control');
  }

  private batchPath(): string {
    return `batches[${this.file.batches.length - 1}]`;
  }
}
