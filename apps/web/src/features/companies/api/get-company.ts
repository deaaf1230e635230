import type { Company } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys } from '../../../lib/query-keys.ts';

/** GET /api/companies/:companyId (support, or a landlord of that company). */
export function getCompany(companyId: string, signal?: AbortSignal): Promise<Company> {
  return api.get<Company>(`/api/companies/${encodeURIComponent(companyId)}`, { signal });
}

export const companyQueryOptions = (companyId: string) =>
  queryOptions({ queryKey: companyKeys.detail(companyId), queryFn: ({ signal }) => getCompany(companyId, signal) });

export function useCompany(companyId: string | undefined) {
  return useQuery({ ...companyQueryOptions(companyId ?? ''), enabled: Boolean(companyId) });
}
