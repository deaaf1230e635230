import type { AchFile } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** GET /api/ach-files (landlord): the company's NACHA files, newest first, each a deposit of the day's debits. */
export async function getAchFiles(signal?: AbortSignal): Promise<AchFile[]> {
  const { items } = await api.get<{ items: AchFile[] }>('/api/ach-files', { signal });
  return items;
}

export const achFilesQueryOptions = () => queryOptions({ queryKey: paymentKeys.achFiles(), queryFn: ({ signal }) => getAchFiles(signal) });

export function useAchFiles() {
  return useQuery(achFilesQueryOptions());
}

/** The file's bytes as sent to the bank: a plain link, the session cookie authenticates it. */
export function achFileDownloadUrl(achFileId: string): string {
  return `/api/ach-files/${encodeURIComponent(achFileId)}/download`;
}
