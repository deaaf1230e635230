import type { LoginTwoFactorRequest, SessionResponse } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { adoptSession } from './login.ts';

/** POST /api/auth/login/two-factor (public) -> the session; 400 wrong code, 410 challenge over, 429 locked. */
export function loginTwoFactor(body: LoginTwoFactorRequest): Promise<SessionResponse> {
  return api.post<SessionResponse>('/api/auth/login/two-factor', body);
}

export function useLoginTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: loginTwoFactor, onSuccess: (session) => adoptSession(queryClient, session) });
}
