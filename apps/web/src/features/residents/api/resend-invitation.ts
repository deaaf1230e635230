import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { residentKeys } from '../../../lib/query-keys.ts';

/** POST /api/invitations/:invitationId/resend (landlord) -> 204; the earlier link stops working. */
export function resendInvitation(invitationId: string): Promise<void> {
  return api.post<void>(`/api/invitations/${encodeURIComponent(invitationId)}/resend`);
}

export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: residentKeys.all }),
  });
}
