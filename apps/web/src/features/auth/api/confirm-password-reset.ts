import type { PasswordResetConfirm } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/auth/password-reset/confirm (public) -> { message }; every session of the user ends. */
export function confirmPasswordReset(body: PasswordResetConfirm): Promise<{ message: string }> {
  return api.post<{ message: string }>('/api/auth/password-reset/confirm', body);
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
