import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { authKeys } from '../../../lib/query-keys.ts';

/** DELETE /api/auth/two-factor { code } -> 204; 409 where policy requires two-factor. */
export function disableTwoFactor(code: string): Promise<void> {
  return api.delete('/api/auth/two-factor', { body: { code } });
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: disableTwoFactor, onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.session() }) });
}
