import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { type AutopayAuthorizationQuery, autopayKeys } from './autopay-keys.ts';

/** GET /api/me/autopay/:residentId/authorization (resident): the recurring debit authorization, as it will be stored and emailed. */
export async function getAutopayAuthorization({ residentId, ...query }: AutopayAuthorizationQuery, signal?: AbortSignal): Promise<string> {
  const { text } = await api.get<{ text: string }>(`/api/me/autopay/${encodeURIComponent(residentId)}/authorization`, { query, signal });
  return text;
}

const NONE: AutopayAuthorizationQuery = { residentId: '', bankAccountId: '', dayOfMonth: 0, kind: 'fixed' };

export const autopayAuthorizationQueryOptions = (query: AutopayAuthorizationQuery | null) =>
  queryOptions({
    queryKey: autopayKeys.authorization(query ?? NONE),
    queryFn: ({ signal }) => getAutopayAuthorization(query as AutopayAuthorizationQuery, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    // The text carries the time it is read: refetching it would change the words under a ticked box.
    staleTime: Number.POSITIVE_INFINITY,
  });

/** null: the form is not filled in enough to say what would be authorized. */
export function useAutopayAuthorization(query: AutopayAuthorizationQuery | null) {
  return useQuery(autopayAuthorizationQueryOptions(query));
}
