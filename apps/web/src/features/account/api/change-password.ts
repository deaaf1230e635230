import type { ChangePasswordRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { accountKeys } from '../../../lib/query-keys.ts';

/** POST /api/auth/password -> { endedSessions }: every other session ends. */
export function changePassword(body: ChangePasswordRequest): Promise<{ endedSessions: number }> {
  return api.post<{ endedSessions: number }>('/api/auth/password', body);
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: changePassword, onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions() }) });
}
