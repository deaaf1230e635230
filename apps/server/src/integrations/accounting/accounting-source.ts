import { setImmediate } from 'node:timers/promises';
import type { Provider } from '@rentledger/contracts';
import type { Upload } from '../../lib/upload.ts';
import { type AccountingProvider, type ProviderItem, SourceError, type SyncRunSource, type SyncSource } from './accounting-provider.ts';
import { createBuildiumProvider } from './buildium/buildium.provider.ts';
import { createCsvRentRollProvider } from './csv/csv-rent-roll.provider.ts';
import { MAX_IMPORT_BYTES } from './csv/upload-text.reader.ts';
import { createMitsFileProvider, preflightMitsFile } from './mits/mits-file.provider.ts';
import { createYardiSoapProvider } from './yardi/yardi-soap.provider.ts';

export type Connection = {
  provider: Provider;
  settings: Record<string, unknown>;
  secrets: { yardiPassword?: string; buildiumClientSecret?: string };
  csvColumnMapping: Record<string, string>;
};

const QUOTE = 0x22;
const NEWLINE = 0x0a;

function countByte(buffer: Buffer, byte: number): number {
  let count = 0;
  for (let index = buffer.indexOf(byte); index !== -1; index = buffer.indexOf(byte, index + 1)) count += 1;
  return count;
}

const notUtf8 = () => new SourceError('The file is not UTF-8 text: save it as "CSV UTF-8" and upload it again');

/**
 * Whole-file checks, a chunk at a time in native code, before any row is
 * applied, for what a streaming parser would only find halfway: binary bytes,
 * bad UTF-8, a quote never closed. Answers the rows to expect (lines less the
 * header: exact unless fields hold line breaks; the run's final count is exact).
 */
export async function preflightCsv(upload: Upload): Promise<number> {
  if (upload.sizeBytes > MAX_IMPORT_BYTES) throw new SourceError('The file is larger than 50 MB');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let quotes = 0;
  let newlines = 0;
  let lastByte: number | undefined;
  for await (const chunk of upload.open()) {
    if (chunk.indexOf(0) !== -1) throw new SourceError('This is a binary file, not a CSV rent roll (export the rent roll as CSV)');
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      throw notUtf8();
    }
    quotes += countByte(chunk, QUOTE);
    newlines += countByte(chunk, NEWLINE);
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1];
  }
  try {
    decoder.decode();
  } catch {
    throw notUtf8();
  }
  // Escaped quotes come in pairs, so a file whose quotes are all closed has an even number.
  if (quotes % 2 !== 0) throw new SourceError('A quoted field is never closed: check the file for a stray " character');
  return Math.max(0, newlines - 1 + (lastByte === NEWLINE ? 0 : 1));
}

/**
 * The upload in 64 KiB slices: a parser turns a whole piece into records at
 * once, so a 1 MiB piece would hold the event loop (and thousands of records)
 * for as long as it takes. Slices of one piece would still follow each other
 * as microtasks, so the event loop gets a turn between them: a preflight pass,
 * which applies nothing and so never waits on the database, must not starve
 * the requests waiting meanwhile.
 */
async function* slices(pieces: AsyncIterable<Buffer>, size = 64 * 1024): AsyncGenerator<Buffer> {
  for await (const piece of pieces) {
    for (let offset = 0; offset < piece.length; offset += size) {
      yield piece.subarray(offset, offset + size);
      await setImmediate();
    }
  }
}

function fileSource(run: SyncRunSource, upload: Upload, connection: Connection): SyncSource {
  const source = () => slices(upload.open());
  if (run.format === 'csv') {
    const provider = createCsvRentRollProvider({ source, sizeBytes: upload.sizeBytes, mapping: connection.csvColumnMapping });
    return {
      preflight: () => preflightCsv(upload),
      estimatedTotal: null,
      read: (options) => provider.readResidents(options),
    };
  }
  if (run.format === 'mits') {
    const settings = { source, sizeBytes: upload.sizeBytes };
    const provider = createMitsFileProvider(settings);
    return {
      preflight: () => preflightMitsFile(settings),
      estimatedTotal: null,
      read: (options) => provider.readResidents(options),
    };
  }
  throw new SourceError(`Files in the ${run.format ?? 'unknown'} format cannot be imported`);
}

function apiProvider(format: SyncRunSource['format'], connection: Connection): AccountingProvider {
  if (format === 'buildium') {
    const settings = connection.settings.buildium as { baseUrl: string; clientId: string } | undefined;
    if (!settings || !connection.secrets.buildiumClientSecret) throw new SourceError('Buildium is not configured: set its URL, client ID and secret');
    return createBuildiumProvider({ ...settings, clientSecret: connection.secrets.buildiumClientSecret });
  }
  if (format === 'yardi') {
    const settings = connection.settings.yardi as { url: string; userName: string; serverName: string; database: string; propertyIds: string[] } | undefined;
    if (!settings || !connection.secrets.yardiPassword) throw new SourceError('Yardi is not configured: set its URL, user name, password, server, database and property IDs');
    return createYardiSoapProvider({ ...settings, password: connection.secrets.yardiPassword });
  }
  throw new SourceError(`No accounting connection for ${format ?? 'this company'}`);
}

/** An API answer is fetched whole before anything is applied, so a provider failing halfway changes nothing. */
function apiSource(provider: AccountingProvider): SyncSource {
  return {
    estimatedTotal: null,
    async *read(options) {
      const items: ProviderItem[] = [];
      for await (const item of provider.readResidents(options)) items.push(item);
      options.onTotal?.(items.length);
      yield* items;
    },
  };
}

export async function openAccountingSource(run: SyncRunSource, upload: Upload | undefined, connection: Connection): Promise<SyncSource> {
  if (upload) return fileSource(run, upload, connection);
  if (run.trigger === 'upload') throw new SourceError('The uploaded file is no longer available; upload it again');
  return apiSource(apiProvider(run.format, connection));
}
