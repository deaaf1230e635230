import type { ResidentDetail, UpdateResidentRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residentKeys, taskKeys } from '../../../lib/query-keys.ts';

/**
 * PATCH /api/residents/:residentId (landlord; approved or current residents): unit, balance to display,
 * payment policy, accounting resident ID. 409 accounting_id_taken names the holder in `details`;
 * sending `samePersonAs` with the holder's id merges the two.
 */
export function updateResident(residentId: string, body: UpdateResidentRequest): Promise<ResidentDetail> {
  return api.patch<ResidentDetail>(`/api/residents/${encodeURIComponent(residentId)}`, body);
}

export function useUpdateResident(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateResidentRequest) => updateResident(residentId, body),
    onSuccess: (resident) => {
      queryClient.setQueryData(residentKeys.detail(residentId), resident);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: residentKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      ]);
    },
  });
}
