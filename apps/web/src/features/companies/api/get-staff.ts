import type { StaffUser } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys } from '../../../lib/query-keys.ts';

/** GET /api/companies/:companyId/staff (support, or a landlord of that company). */
export async function getStaff(companyId: string, signal?: AbortSignal): Promise<StaffUser[]> {
  const { items } = await api.get<{ items: StaffUser[] }>(`/api/companies/${encodeURIComponent(companyId)}/staff`, { signal });
  return items;
}

export const staffQueryOptions = (companyId: string) =>
  queryOptions({ queryKey: companyKeys.staff(companyId), queryFn: ({ signal }) => getStaff(companyId, signal) });

export function useStaff(companyId: string) {
  return useQuery(staffQueryOptions(companyId));
}
