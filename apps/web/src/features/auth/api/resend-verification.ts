import type { acceptedSchema } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

type Accepted = z.infer<typeof acceptedSchema>;

/** POST /api/auth/verify-email/resend -> 202 { message }; 429 after three an hour. */
export function resendVerification(): Promise<Accepted> {
  return api.post<Accepted>('/api/auth/verify-email/resend');
}

export function useResendVerification() {
  return useMutation({ mutationFn: resendVerification });
}
