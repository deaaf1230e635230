import type { startSyncResponseSchema } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';

type SyncStarted = z.infer<typeof startSyncResponseSchema>;

/** POST /api/integration/sync (landlord): Sync Now with Yardi or Buildium -> 202 { syncRunId }. */
export function startSync(): Promise<SyncStarted> {
  return api.post<SyncStarted>('/api/integration/sync');
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startSync,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncRunKeys.all }),
  });
}
