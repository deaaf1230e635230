import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';

/** POST /api/integration/sync (landlord): Sync Now with Yardi or Buildium -> 202 { syncRunId }. */
export function startSync(): Promise<{ syncRunId: string }> {
  return api.post<{ syncRunId: string }>('/api/integration/sync');
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startSync,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncRunKeys.all }),
  });
}
