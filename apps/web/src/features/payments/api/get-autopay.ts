import type { Autopay } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { autopayKeys } from './autopay-keys.ts';

/** GET /api/me/autopay (resident): the resident's autopay plans, one per residency at most, with the next debit. */
export async function getAutopayPlans(signal?: AbortSignal): Promise<Autopay[]> {
  const { items } = await api.get<{ items: Autopay[] }>('/api/me/autopay', { signal });
  return items;
}

export const autopayPlansQueryOptions = () => queryOptions({ queryKey: autopayKeys.plans(), queryFn: ({ signal }) => getAutopayPlans(signal) });

export function useAutopayPlans() {
  return useQuery(autopayPlansQueryOptions());
}
