import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { accountKeys } from '../../../lib/query-keys.ts';

/** DELETE /api/auth/sessions/:id -> 204: that device is signed out. */
export function endSession(sessionId: string): Promise<void> {
  return api.delete(`/api/auth/sessions/${encodeURIComponent(sessionId)}`);
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: endSession, onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions() }) });
}
