import type { EndLeaseRequest, ResidentDetail } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residentKeys, taskKeys } from '../../../lib/query-keys.ts';

/**
 * POST /api/residents/:residentId/end-lease (landlord; approved or current residents): today or an earlier
 * date finishes the resident at once, a later date is scheduled. 400 names `endDate` or `reason`.
 */
export function endLease(residentId: string, body: EndLeaseRequest): Promise<ResidentDetail> {
  return api.post<ResidentDetail>(`/api/residents/${encodeURIComponent(residentId)}/end-lease`, body);
}

export function useEndLease(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EndLeaseRequest) => endLease(residentId, body),
    onSuccess: (resident) => {
      queryClient.setQueryData(residentKeys.detail(residentId), resident);
      return Promise.all([queryClient.invalidateQueries({ queryKey: residentKeys.lists() }), queryClient.invalidateQueries({ queryKey: taskKeys.all })]);
    },
  });
}
