import type { CreateInvitationRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residentKeys } from '../../../lib/query-keys.ts';

/** POST /api/invitations (landlord) -> 201 { residentId }: the resident is emailed a link to set a password. */
export function createInvitation(body: CreateInvitationRequest): Promise<{ residentId: string }> {
  return api.post<{ residentId: string }>('/api/invitations', body);
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: residentKeys.lists() }),
  });
}
