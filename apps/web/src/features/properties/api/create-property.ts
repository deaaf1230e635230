import type { CreatePropertyRequest, Property } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/properties (support) -> 201 Property with its initial units. */
export function createProperty(body: CreatePropertyRequest): Promise<Property> {
  return api.post<Property>('/api/properties', body);
}

export function useCreateProperty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProperty,
    onSuccess: async (property) => {
      queryClient.setQueryData(['properties', 'detail', property.id], property);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['properties', 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['companies'] }),
      ]);
    },
  });
}
