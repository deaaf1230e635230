import type { ApiToken } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { apiTokenKeys } from '../../../lib/query-keys.ts';

/** GET /api/api-tokens (landlord): the company's live tokens, never their secrets. */
export async function getApiTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const { items } = await api.get<{ items: ApiToken[] }>('/api/api-tokens', { signal });
  return items;
}

export const apiTokensQueryOptions = () => queryOptions({ queryKey: apiTokenKeys.list(), queryFn: ({ signal }) => getApiTokens(signal) });

export function useApiTokens() {
  return useQuery(apiTokensQueryOptions());
}
