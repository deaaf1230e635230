import type { Autopay } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { autopayKeys } from './autopay-keys.ts';

/** POST /api/me/autopay/:residentId/pause (resident): no debit until resumed. */
export function pauseAutopay(residentId: string): Promise<Autopay> {
  return api.post<Autopay>(`/api/me/autopay/${encodeURIComponent(residentId)}/pause`);
}

export function usePauseAutopay(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => pauseAutopay(residentId), onSettled: () => queryClient.invalidateQueries({ queryKey: autopayKeys.plans() }) });
}
