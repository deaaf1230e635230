import type { LoginRequest, LoginResponse, SessionResponse } from '@rentledger/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { authKeys } from '../../../lib/query-keys.ts';

/** POST /api/auth/login: a session (cookie + CSRF token), or a two-factor challenge to complete. */
export async function login(body: LoginRequest): Promise<LoginResponse> {
  const answer = await api.post<LoginResponse>('/api/auth/login', body);
  if ('csrfToken' in answer) setCsrfToken(answer.csrfToken);
  return answer;
}

/** A new session: data cached for a previous user must never show for this one. */
export function adoptSession(queryClient: QueryClient, session: SessionResponse) {
  setCsrfToken(session.csrfToken);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  queryClient.setQueryData(authKeys.session(), session);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      if ('csrfToken' in answer) adoptSession(queryClient, answer);
    },
  });
}
