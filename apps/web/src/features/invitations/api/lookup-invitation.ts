import type { InvitationLookup } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { invitationKeys } from '../../../lib/query-keys.ts';

/**
 * POST /api/invitations/lookup (public): who the invitation is for. The token goes in the body,
 * never in a URL. 404 invitation_not_found, 409 invitation_used, 410 invitation_expired | invitation_revoked.
 */
export function lookupInvitation(token: string, signal?: AbortSignal): Promise<InvitationLookup> {
  return api.post<InvitationLookup>('/api/invitations/lookup', { token }, { signal });
}

export const invitationLookupQueryOptions = (token: string) =>
  queryOptions({
    queryKey: invitationKeys.lookup(token),
    queryFn: ({ signal }) => lookupInvitation(token, signal),
    // One look is enough: accepting it would make a later look answer "already used".
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });

export function useInvitationLookup(token: string | null) {
  return useQuery({ ...invitationLookupQueryOptions(token ?? ''), enabled: Boolean(token) });
}
