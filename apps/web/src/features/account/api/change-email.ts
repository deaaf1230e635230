import type { ChangeEmailRequest } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/auth/email -> 202 { message }: a link goes to the new address; nothing changes until it is opened. */
export function requestEmailChange(body: ChangeEmailRequest): Promise<{ message: string }> {
  return api.post<{ message: string }>('/api/auth/email', body);
}

export function useRequestEmailChange() {
  return useMutation({ mutationFn: requestEmailChange });
}
