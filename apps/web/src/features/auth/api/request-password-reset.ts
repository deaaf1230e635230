import type { acceptedSchema } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

type Accepted = z.infer<typeof acceptedSchema>;

/** POST /api/auth/password-reset (public) -> 202 { message }, the same whether or not the email has an account. */
export function requestPasswordReset(email: string): Promise<Accepted> {
  return api.post<Accepted>('/api/auth/password-reset', { email });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
