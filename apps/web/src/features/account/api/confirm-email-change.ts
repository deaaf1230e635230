import type { EmailChangedResponse } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { authKeys } from '../../../lib/query-keys.ts';

/** POST /api/auth/email/confirm (public) -> { email }; 400 token_invalid, 409 email_taken. */
export function confirmEmailChange(token: string): Promise<EmailChangedResponse> {
  return api.post<EmailChangedResponse>('/api/auth/email/confirm', { token });
}

export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  // The signed-in session (if any) now carries the new address and may be verified.
  return useMutation({ mutationFn: confirmEmailChange, onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.session() }) });
}
