import type { startSyncResponseSchema } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';

type SyncStarted = z.infer<typeof startSyncResponseSchema>;

/**
 * POST /api/residents/:residentId/sync (landlord) -> 202 { syncRunId }: a sync with the accounting system,
 * after which strong matches approve by themselves. 409 no_api_connection for file-based companies.
 */
export function syncResident(residentId: string): Promise<SyncStarted> {
  return api.post<SyncStarted>(`/api/residents/${encodeURIComponent(residentId)}/sync`);
}

export function useSyncResident(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => syncResident(residentId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncRunKeys.all }),
  });
}
