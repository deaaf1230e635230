import type { CreateResidencyRequest, Residency } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { notificationKeys, residencyKeys } from '../../../lib/query-keys.ts';

/**
 * POST /api/me/residencies (resident) -> 201 Residency: `approved` at once on a strong match in the
 * landlord's books, else `pending` until the landlord reviews. 409 residency_exists.
 */
export function createResidency(body: CreateResidencyRequest): Promise<Residency> {
  return api.post<Residency>('/api/me/residencies', body);
}

export function useCreateResidency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createResidency,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: residencyKeys.all }), queryClient.invalidateQueries({ queryKey: notificationKeys.all })]),
  });
}
