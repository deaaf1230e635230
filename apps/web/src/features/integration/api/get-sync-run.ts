import type { SyncRun } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';
import { isActiveRun } from './get-sync-runs.ts';

/** GET /api/sync-runs/:syncRunId: status, progress, counts and row errors of one run. */
export function getSyncRun(syncRunId: string, signal?: AbortSignal): Promise<SyncRun> {
  return api.get<SyncRun>(`/api/sync-runs/${encodeURIComponent(syncRunId)}`, { signal });
}

export const syncRunQueryOptions = (syncRunId: string) =>
  queryOptions({
    queryKey: syncRunKeys.detail(syncRunId),
    queryFn: ({ signal }) => getSyncRun(syncRunId, signal),
    staleTime: 0,
    // Poll twice a second while the run is queued or running; stop once it is done.
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      const run = query.state.data;
      return run && !isActiveRun(run) ? false : 500;
    },
    refetchIntervalInBackground: false,
  });

export function useSyncRun(syncRunId: string) {
  return useQuery(syncRunQueryOptions(syncRunId));
}
