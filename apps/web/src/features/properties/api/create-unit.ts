import type { CreateUnitRequest, Unit } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys, propertyKeys } from '../../../lib/query-keys.ts';

/** POST /api/properties/:propertyId/units (support) -> 201 Unit; 409 unit_label_taken. */
export function createUnit(propertyId: string, body: CreateUnitRequest): Promise<Unit> {
  return api.post<Unit>(`/api/properties/${encodeURIComponent(propertyId)}/units`, body);
}

export function useCreateUnit(propertyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUnitRequest) => createUnit(propertyId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: propertyKeys.all }),
        queryClient.invalidateQueries({ queryKey: companyKeys.all }),
      ]),
  });
}
