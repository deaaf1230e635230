import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residentKeys, taskKeys } from '../../../lib/query-keys.ts';

/** DELETE /api/residents/:residentId (landlord) -> 204: pending or invited residents only (409 otherwise). */
export function deleteResident(residentId: string): Promise<void> {
  return api.delete(`/api/residents/${encodeURIComponent(residentId)}`);
}

export function useDeleteResident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteResident,
    onSuccess: (_data, residentId) => {
      queryClient.removeQueries({ queryKey: residentKeys.detail(residentId) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: residentKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      ]);
    },
  });
}
