import type { SyncRun, syncRunListSchema } from '@rentledger/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';

export const isActiveRun = (run: Pick<SyncRun, 'status'>) => run.status === 'queued' || run.status === 'running';

type SyncRunPage = z.infer<typeof syncRunListSchema>;

/** GET /api/sync-runs (landlord): a page of the sync history, newest first; row errors are left out of the list. */
export async function getSyncRunsPage(cursor: string | null, signal?: AbortSignal): Promise<SyncRunPage> {
  return api.get<SyncRunPage>(cursor ? `/api/sync-runs?cursor=${encodeURIComponent(cursor)}` : '/api/sync-runs', { signal });
}

/** The history a page at a time: the newest page first, older ones as the landlord asks for them. */
export const syncRunsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: syncRunKeys.list(),
    queryFn: ({ pageParam, signal }) => getSyncRunsPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 0,
    // Keep the history current while a run is in progress.
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some(isActiveRun)) ? 2000 : false),
  });

export function useSyncRuns() {
  return useInfiniteQuery(syncRunsQueryOptions());
}
