import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/auth/verify-email/resend -> 202 { message }; 429 after three an hour. */
export function resendVerification(): Promise<{ message: string }> {
  return api.post<{ message: string }>('/api/auth/verify-email/resend');
}

export function useResendVerification() {
  return useMutation({ mutationFn: resendVerification });
}
