import type { ApproveResidentRequest, ResidentDetail } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residentKeys, taskKeys } from '../../../lib/query-keys.ts';

/**
 * POST /api/residents/:residentId/approve (landlord): merge with a candidate ("same person") or approve
 * manually with the lease. 409 already_decided names who acted first; 409 accounting_id_taken.
 */
export function approveResident(residentId: string, body: ApproveResidentRequest): Promise<ResidentDetail> {
  return api.post<ResidentDetail>(`/api/residents/${encodeURIComponent(residentId)}/approve`, body);
}

export function useApproveResident(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApproveResidentRequest) => approveResident(residentId, body),
    onSuccess: (resident) => {
      queryClient.setQueryData(residentKeys.detail(residentId), resident);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: residentKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      ]);
    },
  });
}

export type ApproveResidentMutation = ReturnType<typeof useApproveResident>;
