import type { SessionResponse, SignupRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { sessionQueryKey } from '../../../lib/query-client.ts';

/** POST /api/auth/signup (public): creates a resident account and signs in -> 201 { user, csrfToken }; 409 email_taken. */
export async function signup(body: SignupRequest): Promise<SessionResponse> {
  const session = await api.post<SessionResponse>('/api/auth/signup', body);
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signup,
    onSuccess: (session) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}
