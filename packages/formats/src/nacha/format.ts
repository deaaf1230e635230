import { addenda05Record } from './addenda-05.record.ts';
import { addenda98Record } from './addenda-98.record.ts';
import { addenda99Record } from './addenda-99.record.ts';
import { batchControlRecord } from './batch-control.record.ts';
import { batchHeaderRecord } from './batch-header.record.ts';
import type { BatchControl } from './batch-control.record.ts';
import type { BatchHeader } from './batch-header.record.ts';
import { BLOCKING_FACTOR, BatchTotals, FileTotals } from './controls.ts';
import { entryDetailRecord } from './entry-detail.record.ts';
import { NachaFormatError, RECORD_LENGTH } from './field.ts';
import { fileControlRecord } from './file-control.record.ts';
import type { FileControl } from './file-control.record.ts';
import { fileHeaderRecord } from './file-header.record.ts';
import type { FileHeader } from './file-header.record.ts';
import type { NachaBatchInput, NachaEntry, NachaFile } from './nacha-file.ts';

export const BLOCK_PADDING_LINE = '9'.repeat(RECORD_LENGTH);

export interface FormatOptions {
  /** End the last line with the line ending too (default true; some banks' and moov's examples do not). */
  finalNewline?: boolean;
  /** Default "\n". */
  lineEnding?: string;
}

/** An entry's line and its addenda lines, in file order. */
export function formatEntryLines(entry: NachaEntry): string[] {
  const lines = [entryDetailRecord.format(entry.entry)];
  for (const addenda of entry.addenda05) lines.push(addenda05Record.format(addenda));
  if (entry.addenda98) lines.push(addenda98Record.format(entry.addenda98));
  if (entry.addenda99) lines.push(addenda99Record.format(entry.addenda99));
  return lines;
}

/** The padding lines that fill the last block after `recordCount` records. */
export function* blockPaddingLines(recordCount: number): Generator<string> {
  const remainder = recordCount % BLOCKING_FACTOR;
  if (remainder === 0) return;
  for (let i = remainder; i < BLOCKING_FACTOR; i += 1) yield BLOCK_PADDING_LINE;
}

/** Every 94-character line of a file as it stands, its controls written as given (so a parsed file reads back the same). */
export function* formatLines(file: NachaFile): Generator<string> {
  let recordCount = 0;
  yield fileHeaderRecord.format(file.header);
  recordCount += 1;
  for (const batch of file.batches) {
    yield batchHeaderRecord.format(batch.header);
    recordCount += 1;
    for (const entry of batch.entries) {
      for (const line of formatEntryLines(entry)) {
        yield line;
        recordCount += 1;
      }
    }
    yield batchControlRecord.format(batch.control);
    recordCount += 1;
  }
  yield fileControlRecord.format(file.control);
  recordCount += 1;
  yield* blockPaddingLines(recordCount);
}

/** The exact text of a file; build one with computed controls with `buildNachaFile` or `NachaWriter`. */
export function format(file: NachaFile, options: FormatOptions = {}): string {
  return joinLines(Array.from(formatLines(file)), options);
}

export function joinLines(lines: readonly string[], options: FormatOptions = {}): string {
  const lineEnding = options.lineEnding ?? '\n';
  const text = lines.join(lineEnding);
  return options.finalNewline === false || lines.length === 0 ? text : text + lineEnding;
}

/** A file whose batch and file controls are computed from its entries. */
export function buildNachaFile(header: FileHeader, batches: readonly NachaBatchInput[]): NachaFile {
  const fileTotals = new FileTotals();
  const built = batches.map((batch) => {
    const totals = new BatchTotals();
    for (const entry of batch.entries) totals.add(entry);
    const control = totals.controlFor(batch.header);
    fileTotals.add(control);
    return { header: batch.header, entries: batch.entries, control };
  });
  return { header, batches: built, control: fileTotals.control() };
}

/** "ODFI identification (8) + sequence (7)": the trace number of the `sequence`th entry a bank's customer sends. */
export function traceNumberFor(odfiIdentification: string, sequence: number): string {
  if (!/^\d{8}$/.test(odfiIdentification)) throw new NachaFormatError('TraceNumber', `ODFI identification must be 8 digits: "${odfiIdentification}"`);
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > 9_999_999) {
    throw new NachaFormatError('TraceNumber', `sequence must be 0-9999999 and is ${sequence}`);
  }
  return odfiIdentification + String(sequence).padStart(7, '0');
}

/**
 * Writes a file one entry at a time, computing the controls as it goes, and hands each 94-character line
 * to `emit` as soon as it is known: a 100,000-entry file never exists as one string unless the caller
 * joins the lines. Without `emit` the lines are kept, for `lines()` and `toString()`.
 *
 *   const writer = new NachaWriter(header);
 *   writer.beginBatch(batchHeader); writer.addEntry(entry); writer.endBatch();
 *   writer.end(); writer.toString();
 */
export class NachaWriter {
  private readonly collected: string[] = [];
  private readonly emit: (line: string) => void;
  private readonly fileTotals = new FileTotals();
  private batch: { header: BatchHeader; totals: BatchTotals } | undefined;
  private recordCount = 0;
  private ended = false;

  constructor(header: FileHeader, emit?: (line: string) => void) {
    this.emit = emit ?? ((line) => this.collected.push(line));
    this.write(fileHeaderRecord.format(header));
  }

  beginBatch(header: BatchHeader): void {
    this.assertOpen();
    if (this.batch) throw new NachaFormatError('BatchHeader', `batch ${this.batch.header.batchNumber} has not ended`);
    this.write(batchHeaderRecord.format(header));
    this.batch = { header, totals: new BatchTotals() };
  }

  addEntry(entry: NachaEntry): void {
    if (!this.batch) throw new NachaFormatError('EntryDetail', 'an entry needs a batch: call beginBatch first');
    // Every line is formatted before any is written, so an entry that does not fit leaves no half-written entry behind.
    for (const line of formatEntryLines(entry)) this.write(line);
    this.batch.totals.add(entry);
  }

  endBatch(): BatchControl {
    if (!this.batch) throw new NachaFormatError('BatchControl', 'no batch to end');
    const control = this.batch.totals.controlFor(this.batch.header);
    this.write(batchControlRecord.format(control));
    this.fileTotals.add(control);
    this.batch = undefined;
    return control;
  }

  /** Writes the file control and the block padding; the writer takes nothing after this. */
  end(): FileControl {
    this.assertOpen();
    if (this.batch) throw new NachaFormatError('FileControl', `batch ${this.batch.header.batchNumber} has not ended`);
    const control = this.fileTotals.control();
    this.write(fileControlRecord.format(control));
    for (const line of blockPaddingLines(this.recordCount)) this.emit(line);
    this.ended = true;
    return control;
  }

  /** The lines written so far, when no `emit` was given. */
  lines(): readonly string[] {
    return this.collected;
  }

  toString(options: FormatOptions = {}): string {
    return joinLines(this.collected, options);
  }

  private write(line: string): void {
    this.recordCount += 1;
    this.emit(line);
  }

  private assertOpen(): void {
    if (this.ended) throw new NachaFormatError('FileControl', 'the file has ended');
  }
}
