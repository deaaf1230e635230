import { SourceError, type AccountingProvider, type FetchOptions, type ProviderItem } from '../accounting-provider.ts';
import { createDuplicateGuard } from '../accounting-row.domain.ts';
import { readUploadText, refuseOversizedUpload, type UploadSource } from '../csv/upload-text.reader.ts';
import { createResidentTransactionsTransform } from './mits-resident-transactions.transform.ts';

export type MitsFileSettings = {
  /** Opens the upload; called once per read. */
  source: UploadSource;
  /** The size the upload declared, to refuse a huge file before reading it. */
  sizeBytes?: number;
};

/**
 * An uploaded MITS ResidentTransactions file (what Yardi and other MITS
 * systems export), streamed: one household is in memory at a time. A broken
 * tag near the end is only found there, so an import calls preflightMitsFile
 * first, a whole pass that applies nothing, and reads the rows second.
 */
export function createMitsFileProvider(settings: MitsFileSettings): AccountingProvider {
  return { kind: 'mits', readResidents: (options) => readMitsFile(settings, options) };
}

/** Reads the whole file and refuses it if any of it is unreadable; answers the number of residents. */
export async function preflightMitsFile(settings: MitsFileSettings, signal?: AbortSignal): Promise<number> {
  let residents = 0;
  for await (const item of readMitsFile(settings, { signal, onTotal: (total) => (residents = total) })) void item;
  return residents;
}

async function* readMitsFile(settings: MitsFileSettings, { signal, onTotal }: FetchOptions = {}): AsyncGenerator<ProviderItem> {
  refuseOversizedUpload(settings.sizeBytes);
  const transform = createResidentTransactionsTransform();
  const guard = createDuplicateGuard();
  const start = { seen: false };
  for await (const text of readUploadText(settings.source)) {
    signal?.throwIfAborted();
    refuseNonXml(text, start);
    for (const item of transform.write(text)) yield guard(item);
  }
  if (!start.seen) throw new SourceError('The file is empty');
  for (const item of transform.close()) yield guard(item);
  onTotal?.(transform.residentCount);
}

/** The first character that is not white space says whether this is XML at all. */
function refuseNonXml(text: string, start: { seen: boolean }) {
  if (start.seen) return;
  const first = text.trimStart();
  if (!first) return;
  start.seen = true;
  if (!first.startsWith('<')) throw new SourceError('This is not an XML file; to import a spreadsheet rent roll, choose the CSV format');
}
