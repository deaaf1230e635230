import type { Readable } from 'node:stream';
import { SourceError } from '../accounting-provider.ts';

/**
 * Reads an uploaded file as UTF-8 text, chunk by chunk, refusing what cannot
 * be a rent roll before it reaches a parser: too large, binary, or not UTF-8.
 */

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type UploadSource = () => Readable | AsyncIterable<Buffer | Uint8Array | string>;

const MEGABYTE = 1024 * 1024;
/** Rounded up, so a file just over the limit never reads as "50.0 MB" next to a 50 MB limit. */
const sizeInMegabytes = (bytes: number) => (Math.ceil((bytes / MEGABYTE) * 10) / 10).toFixed(1);
const limitInMegabytes = (bytes: number) => String(Math.floor(bytes / MEGABYTE));

/** The size the browser declared is checked first, so a huge upload is refused before it is read. */
export function refuseOversizedUpload(sizeBytes: number | undefined, maxBytes = MAX_IMPORT_BYTES): void {
  if (sizeBytes !== undefined && sizeBytes > maxBytes) {
    throw new SourceError(`The file is ${sizeInMegabytes(sizeBytes)} MB; the most that can be imported is ${limitInMegabytes(maxBytes)} MB`);
  }
}

/** Yields the text of the upload; the byte count is checked again while reading, as a declared size can lie. */
export async function* readUploadText(source: UploadSource, maxBytes = MAX_IMPORT_BYTES): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytesRead = 0;
  for await (const chunk of source()) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes.byteLength > 0 && bytesRead === 0) refuseKnownFormats(bytes);
    bytesRead += bytes.byteLength;
    if (bytesRead > maxBytes) throw new SourceError(`The file is larger than ${limitInMegabytes(maxBytes)} MB, the most that can be imported`);
    const nul = bytes.indexOf(0);
    if (nul !== -1) throw new SourceError(`This is not a text file (it contains binary data at byte ${bytesRead - bytes.byteLength + nul + 1})`);
    yield decode(decoder, bytes, true);
  }
  const rest = decode(decoder, new Uint8Array(0), false);
  if (rest) yield rest;
}

/** Whole-document formats (XML) need all of the text at once; the same limits apply. */
export async function readWholeUploadText(source: UploadSource, maxBytes = MAX_IMPORT_BYTES): Promise<string> {
  const parts: string[] = [];
  for await (const part of readUploadText(source, maxBytes)) parts.push(part);
  return parts.join('');
}

/** Two mistakes landlords make often deserve a better answer than "binary data". */
function refuseKnownFormats(firstBytes: Uint8Array) {
  const [a, b, c, d] = firstBytes;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    throw new SourceError('The file is saved as UTF-16 (Unicode) text; save it again as UTF-8 (in Excel: "CSV UTF-8")');
  }
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    throw new SourceError('This is an Excel workbook or another zip file, not text; in Excel, save it as "CSV UTF-8" and upload that');
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new SourceError('The file is not UTF-8 text; save it again as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")');
  }
}
