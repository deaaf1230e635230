import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { apiTokenKeys } from '../../../lib/query-keys.ts';

/** DELETE /api/api-tokens/:tokenId (landlord) -> 204. */
export function revokeApiToken(tokenId: string): Promise<void> {
  return api.delete(`/api/api-tokens/${encodeURIComponent(tokenId)}`);
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
