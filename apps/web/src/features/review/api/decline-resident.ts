import type { declineResidentRequestSchema, ResidentDetail } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { residentKeys, taskKeys } from '../../../lib/query-keys.ts';

/** POST /api/residents/:residentId/decline (landlord) { reason }: the resident is told why, by email and in the app. */
export function declineResident(residentId: string, reason: string): Promise<ResidentDetail> {
  const body: z.infer<typeof declineResidentRequestSchema> = { reason };
  return api.post<ResidentDetail>(`/api/residents/${encodeURIComponent(residentId)}/decline`, body);
}

export function useDeclineResident(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => declineResident(residentId, reason),
    onSuccess: (resident) => {
      queryClient.setQueryData(residentKeys.detail(residentId), resident);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: residentKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      ]);
    },
  });
}
