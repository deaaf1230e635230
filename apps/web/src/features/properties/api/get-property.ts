import type { Property } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { propertyKeys } from '../../../lib/query-keys.ts';

/** GET /api/properties/:propertyId (with its units). */
export function getProperty(propertyId: string, signal?: AbortSignal): Promise<Property> {
  return api.get<Property>(`/api/properties/${encodeURIComponent(propertyId)}`, { signal });
}

export const propertyQueryOptions = (propertyId: string) =>
  queryOptions({ queryKey: propertyKeys.detail(propertyId), queryFn: ({ signal }) => getProperty(propertyId, signal) });

export function useProperty(propertyId: string) {
  return useQuery(propertyQueryOptions(propertyId));
}
