import type { LoginRequest, SessionResponse } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { sessionQueryKey } from '../../../lib/query-client.ts';

/** POST /api/auth/login: sets the session cookie and answers with the user and CSRF token. */
export async function login(body: LoginRequest): Promise<SessionResponse> {
  const session = await api.post<SessionResponse>('/api/auth/login', body);
  setCsrfToken(session.csrfToken);
  return session;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // Data cached for a previous user must never show for this one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}
