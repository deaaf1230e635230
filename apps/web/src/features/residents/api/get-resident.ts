import type { ResidentDetail } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residentKeys } from '../../../lib/query-keys.ts';

/** GET /api/residents/:residentId (landlord, support): one resident, with ranked matching candidates while pending. */
export function getResident(residentId: string, signal?: AbortSignal): Promise<ResidentDetail> {
  return api.get<ResidentDetail>(`/api/residents/${encodeURIComponent(residentId)}`, { signal });
}

export const residentQueryOptions = (residentId: string) =>
  queryOptions({
    queryKey: residentKeys.detail(residentId),
    queryFn: ({ signal }) => getResident(residentId, signal),
    staleTime: 0,
  });

export function useResident(residentId: string) {
  return useQuery(residentQueryOptions(residentId));
}
