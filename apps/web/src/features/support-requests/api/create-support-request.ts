import type { CreateSupportRequest, SupportRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { supportRequestKeys, taskKeys } from '../../../lib/query-keys.ts';

/** POST /api/support-requests (landlord, resident) -> 201: the server fills in the company, resident and what they typed. */
export function createSupportRequest(body: CreateSupportRequest): Promise<SupportRequest> {
  return api.post<SupportRequest>('/api/support-requests', body);
}

export function useCreateSupportRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSupportRequest,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: supportRequestKeys.all }), queryClient.invalidateQueries({ queryKey: taskKeys.all })]),
  });
}
