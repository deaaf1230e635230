import type { CreatePropertyRequest, Property } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys, propertyKeys } from '../../../lib/query-keys.ts';

/** POST /api/properties (support) -> 201 Property with its initial units. */
export function createProperty(body: CreatePropertyRequest): Promise<Property> {
  return api.post<Property>('/api/properties', body);
}

export function useCreateProperty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProperty,
    onSuccess: async (property) => {
      queryClient.setQueryData(propertyKeys.detail(property.id), property);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: propertyKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: companyKeys.all }),
      ]);
    },
  });
}
