import type { listResidentsQuerySchema, residentListSchema } from '@rentledger/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { residentKeys } from '../../../lib/query-keys.ts';

/** `missingAccountingId` narrows to approved or current residents with no accounting resident ID. */
export type ResidentsQuery = z.infer<typeof listResidentsQuerySchema>;

/** `countsByStatus` covers the whole company (not the search), keyed by status; absent statuses are 0. */
export type ResidentPage = z.infer<typeof residentListSchema>;

/** GET /api/residents (landlord): one page of the company's residents, with counts per status. */
export function getResidents(query: ResidentsQuery, signal?: AbortSignal): Promise<ResidentPage> {
  return api.get<ResidentPage>('/api/residents', { query, signal });
}

export const residentsQueryOptions = (query: ResidentsQuery) =>
  queryOptions({
    queryKey: residentKeys.list(query),
    queryFn: ({ signal }) => getResidents(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

export function useResidents(query: ResidentsQuery) {
  return useQuery(residentsQueryOptions(query));
}
