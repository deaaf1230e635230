import type { acceptInvitationRequestSchema, SessionResponse } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { authKeys, invitationKeys } from '../../../lib/query-keys.ts';

/** POST /api/invitations/accept (public): sets the password, approves the residency and signs the resident in. */
export async function acceptInvitation(body: z.infer<typeof acceptInvitationRequestSchema>): Promise<SessionResponse> {
  const session = await api.post<SessionResponse>('/api/invitations/accept', body);
  setCsrfToken(session.csrfToken);
  return session;
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (session) => {
      // Whoever was signed in before in this browser is replaced by the resident. The invitation
      // itself stays cached until its page is left, so that page does not look it up again ("used").
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] && query.queryKey[0] !== invitationKeys.all[0] });
      queryClient.setQueryData(authKeys.session(), session);
    },
  });
}
