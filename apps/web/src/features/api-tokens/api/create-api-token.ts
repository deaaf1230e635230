import type { CreateApiTokenRequest, CreateApiTokenResponse } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { apiTokenKeys } from '../../../lib/query-keys.ts';

/** POST /api/api-tokens (landlord) -> 201 { token, secret }; the secret is never shown again. */
export function createApiToken(body: CreateApiTokenRequest): Promise<CreateApiTokenResponse> {
  return api.post<CreateApiTokenResponse>('/api/api-tokens', body);
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
