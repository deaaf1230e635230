import type { Property, propertyListSchema } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { propertyKeys } from '../../../lib/query-keys.ts';

/** GET /api/properties?companyId= (landlord: own company; support: all or one company). */
export async function getProperties(companyId: string | undefined, signal?: AbortSignal): Promise<Property[]> {
  const { items } = await api.get<z.infer<typeof propertyListSchema>>('/api/properties', { query: { companyId }, signal });
  return items;
}

export const propertiesQueryOptions = (companyId?: string) =>
  queryOptions({
    queryKey: propertyKeys.list(companyId),
    queryFn: ({ signal }) => getProperties(companyId, signal),
  });

export function useProperties(companyId?: string) {
  return useQuery(propertiesQueryOptions(companyId));
}
