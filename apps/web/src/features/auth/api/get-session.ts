import type { SessionResponse } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../../../lib/api-client.ts';
import { authKeys } from '../../../lib/query-keys.ts';

/** GET /api/auth/session; a 401 means "signed out" and resolves to null rather than failing. */
export async function getSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/api/auth/session', { signal });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.session(),
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}
