import type { SessionResponse } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { adoptSession } from './login.ts';

/** POST /api/auth/verify-email (public) -> { session } (null when two-factor is on); 400 token_invalid. */
export function verifyEmail(token: string): Promise<{ session: SessionResponse | null }> {
  return api.post<{ session: SessionResponse | null }>('/api/auth/verify-email', { token });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyEmail,
    onSuccess: ({ session }) => {
      if (session) adoptSession(queryClient, session);
    },
  });
}
