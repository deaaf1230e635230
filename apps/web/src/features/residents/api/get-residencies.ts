import type { Residency } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residencyKeys } from '../../../lib/query-keys.ts';

/** GET /api/me/residencies (resident): the homes the signed-in resident rents. */
export async function getResidencies(signal?: AbortSignal): Promise<Residency[]> {
  const { items } = await api.get<{ items: Residency[] }>('/api/me/residencies', { signal });
  return items;
}

export const residenciesQueryOptions = () => queryOptions({ queryKey: residencyKeys.list(), queryFn: ({ signal }) => getResidencies(signal) });

export function useResidencies() {
  return useQuery(residenciesQueryOptions());
}
