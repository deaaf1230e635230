import type { acceptedSchema, PasswordResetConfirm } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

type Accepted = z.infer<typeof acceptedSchema>;

/** POST /api/auth/password-reset/confirm (public) -> { message }; every session of the user ends. */
export function confirmPasswordReset(body: PasswordResetConfirm): Promise<Accepted> {
  return api.post<Accepted>('/api/auth/password-reset/confirm', body);
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
