import { Readable } from 'node:stream';
import type { Provider } from '@rentledger/contracts';
import type { SyncRun } from '../../modules/sync/sync-runs.repository.ts';
import type { SyncSource } from '../../modules/sync/sync.service.ts';
import { type AccountingProvider, type ProviderItem, SourceError } from './accounting-provider.ts';
import { createBuildiumProvider } from './buildium/buildium.provider.ts';
import { createCsvRentRollProvider } from './csv/csv-rent-roll.provider.ts';

export type Connection = {
  provider: Provider;
  settings: Record<string, unknown>;
  secrets: { yardiPassword?: string; buildiumClientSecret?: string };
  csvColumnMapping: Record<string, string>;
};

/** Files are read straight from the upload each time; an API answer is fetched once and replayed. */
function replayable(provider: AccountingProvider, cacheable: boolean): SyncSource {
  if (!cacheable) return { read: (options) => provider.readResidents(options) };
  let cached: ProviderItem[] | undefined;
  return {
    async *read(options) {
      if (!cached) {
        const items: ProviderItem[] = [];
        for await (const item of provider.readResidents(options)) items.push(item);
        cached = items;
      }
      yield* cached;
    },
  };
}

function fileProvider(run: SyncRun, upload: Buffer, connection: Connection): AccountingProvider {
  const source = () => Readable.from([upload]);
  if (run.format === 'csv') return createCsvRentRollProvider({ source, sizeBytes: upload.length, mapping: connection.csvColumnMapping });
  throw new SourceError(`Files in the ${run.format} format cannot be imported`);
}

function apiProvider(format: SyncRun['format'], connection: Connection): AccountingProvider {
  if (format === 'buildium') {
    const settings = connection.settings.buildium as { baseUrl: string; clientId: string } | undefined;
    if (!settings || !connection.secrets.buildiumClientSecret) throw new SourceError('Buildium is not configured: set its URL, client ID and secret');
    return createBuildiumProvider({ ...settings, clientSecret: connection.secrets.buildiumClientSecret });
  }
  throw new SourceError(`No connector for ${format ?? 'this company'}`);
}

export async function openAccountingSource(run: SyncRun, upload: Buffer | undefined, connection: Connection): Promise<SyncSource> {
  if (upload) return replayable(fileProvider(run, upload, connection), false);
  if (run.trigger === 'upload') throw new SourceError('The uploaded file is no longer available; upload it again');
  return replayable(apiProvider(run.format, connection), true);
}
