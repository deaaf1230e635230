import type { SessionProbeResponse, SessionResponse } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { authKeys } from '../../../lib/query-keys.ts';

/**
 * GET /api/auth/session-probe: null when signed out. The probe answers 200 either way, so a signed-out page logs no
 * failed request in the browser's console (GET /api/auth/session would answer 401).
 */
export async function getSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  const { session } = await api.get<SessionProbeResponse>('/api/auth/session-probe', { signal });
  setCsrfToken(session?.csrfToken ?? null);
  return session;
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
