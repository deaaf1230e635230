import { SourceError, type AccountingProvider, type FetchOptions, type ProviderItem } from '../accounting-provider.ts';
import { createDuplicateGuard } from '../accounting-row.domain.ts';
import { readWholeUploadText, refuseOversizedUpload, type UploadSource } from '../csv/upload-text.reader.ts';
import { transformResidentTransactions } from './mits-resident-transactions.transform.ts';

export type MitsFileSettings = {
  /** Opens the upload; called once per read. */
  source: UploadSource;
  /** The size the upload declared, to refuse a huge file before reading it. */
  sizeBytes?: number;
};

/**
 * An uploaded MITS ResidentTransactions file (what Yardi and other MITS
 * systems export). XML is parsed whole, so the upload limit bounds memory.
 */
export function createMitsFileProvider(settings: MitsFileSettings): AccountingProvider {
  return { kind: 'mits', readResidents: (options) => readMitsFile(settings, options) };
}

async function* readMitsFile(settings: MitsFileSettings, { signal, onTotal }: FetchOptions = {}): AsyncGenerator<ProviderItem> {
  refuseOversizedUpload(settings.sizeBytes);
  const xml = await readWholeUploadText(settings.source);
  signal?.throwIfAborted();
  refuseNonXml(xml);
  const { items, residentCount } = transformResidentTransactions(xml);
  onTotal?.(residentCount);
  const guard = createDuplicateGuard();
  for (const item of items) {
    signal?.throwIfAborted();
    yield guard(item);
  }
}

function refuseNonXml(xml: string) {
  const start = xml.trimStart();
  if (!start) throw new SourceError('The file is empty');
  if (!start.startsWith('<')) throw new SourceError('This is not an XML file; to import a spreadsheet rent roll, choose the CSV format');
}
