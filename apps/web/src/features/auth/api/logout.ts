import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { authKeys } from '../../../lib/query-keys.ts';

/** POST /api/auth/logout -> 204. */
export async function logout(): Promise<void> {
  await api.post<void>('/api/auth/logout');
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Even when the call fails (session already gone), the browser must end up signed out.
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(authKeys.session(), null);
    },
  });
}
