import type { Company } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys } from '../../../lib/query-keys.ts';

/** GET /api/companies (support). */
export async function getCompanies(signal?: AbortSignal): Promise<Company[]> {
  const { items } = await api.get<{ items: Company[] }>('/api/companies', { signal });
  return items;
}

export const companiesQueryOptions = () => queryOptions({ queryKey: companyKeys.list(), queryFn: ({ signal }) => getCompanies(signal) });

export function useCompanies(options: { enabled?: boolean } = {}) {
  return useQuery({ ...companiesQueryOptions(), ...options });
}
