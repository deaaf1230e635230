import type { Autopay } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { autopayKeys } from './autopay-keys.ts';

/** POST /api/me/autopay/:residentId/resume (resident): a paused plan debits again from its next day. */
export function resumeAutopay(residentId: string): Promise<Autopay> {
  return api.post<Autopay>(`/api/me/autopay/${encodeURIComponent(residentId)}/resume`);
}

export function useResumeAutopay(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => resumeAutopay(residentId), onSettled: () => queryClient.invalidateQueries({ queryKey: autopayKeys.plans() }) });
}
