import fs from 'node:fs';

/**
 * An uploaded file, read as a stream as many times as needed (a preflight
 * pass, then the import) and never held whole in memory.
 */
export type Upload = { sizeBytes: number; open: () => AsyncIterable<Buffer> };

/** Uploads are kept and read in pieces of this size: small enough to stream, large enough to be few. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export async function uploadFromFile(file: string): Promise<Upload> {
  const { size } = await fs.promises.stat(file);
  return { sizeBytes: size, open: () => fs.createReadStream(file, { highWaterMark: UPLOAD_CHUNK_BYTES }) };
}

export function uploadFromBuffer(content: Buffer): Upload {
  return {
    sizeBytes: content.length,
    open: async function* () {
      for (let offset = 0; offset < content.length; offset += UPLOAD_CHUNK_BYTES) yield content.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    },
  };
}

/** The first bytes of an upload (to tell CSV from XML), without reading the rest. */
export async function uploadHead(upload: Upload, bytes = 512): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of upload.open()) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= bytes) break;
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** The pieces of a stream re-cut to exactly `size` bytes (the last may be shorter). */
export async function* evenChunks(source: AsyncIterable<Buffer>, size = UPLOAD_CHUNK_BYTES): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    pending.push(chunk);
    length += chunk.length;
    while (length >= size) {
      const joined = Buffer.concat(pending);
      yield joined.subarray(0, size);
      const rest = joined.subarray(size);
      pending = rest.length > 0 ? [rest] : [];
      length = rest.length;
    }
  }
  if (length > 0) yield Buffer.concat(pending);
}
