import type { SupportRequest } from '@rentledger/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { supportRequestKeys } from '../../../lib/query-keys.ts';

export type SupportRequestStatus = SupportRequest['status'];

/** GET /api/support-requests?status= : support sees all, a landlord their company's, a resident their own. */
export async function getSupportRequests(status: SupportRequestStatus | undefined, signal?: AbortSignal): Promise<SupportRequest[]> {
  const { items } = await api.get<{ items: SupportRequest[] }>('/api/support-requests', { query: { status }, signal });
  return items;
}

export const supportRequestsQueryOptions = (status?: SupportRequestStatus) =>
  queryOptions({
    queryKey: supportRequestKeys.list(status),
    queryFn: ({ signal }) => getSupportRequests(status, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

export function useSupportRequests(status?: SupportRequestStatus) {
  return useQuery(supportRequestsQueryOptions(status));
}
