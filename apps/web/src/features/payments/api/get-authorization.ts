import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

export type AuthorizationQuery = { residentId: string; bankAccountId: string; amountCents: number; date?: string };

/** GET /api/me/payments/authorization (resident): the ACH debit authorization text, exactly as it will be stored. */
export async function getAuthorization(query: AuthorizationQuery, signal?: AbortSignal): Promise<string> {
  const { text } = await api.get<{ text: string }>('/api/me/payments/authorization', { query, signal });
  return text;
}

export const authorizationQueryOptions = (query: AuthorizationQuery | null) =>
  queryOptions({
    queryKey: paymentKeys.authorization(query ?? { residentId: '', bankAccountId: '', amountCents: 0 }),
    queryFn: ({ signal }) => getAuthorization(query as AuthorizationQuery, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

/** null: the form is not filled in enough to say what would be authorized. */
export function useAuthorization(query: AuthorizationQuery | null) {
  return useQuery(authorizationQueryOptions(query));
}
