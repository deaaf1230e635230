import type { SyncRun, syncRunListSchema } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';

export const isActiveRun = (run: Pick<SyncRun, 'status'>) => run.status === 'queued' || run.status === 'running';

/** GET /api/sync-runs (landlord): the sync history, newest first; row errors are left out of the list. */
export async function getSyncRuns(signal?: AbortSignal): Promise<SyncRun[]> {
  const { items } = await api.get<z.infer<typeof syncRunListSchema>>('/api/sync-runs', { signal });
  return items;
}

export const syncRunsQueryOptions = () =>
  queryOptions({
    queryKey: syncRunKeys.list(),
    queryFn: ({ signal }) => getSyncRuns(signal),
    staleTime: 0,
    // Keep the history current while a run is in progress.
    refetchInterval: (query) => (query.state.data?.some(isActiveRun) ? 2000 : false),
  });

export function useSyncRuns() {
  return useQuery(syncRunsQueryOptions());
}
