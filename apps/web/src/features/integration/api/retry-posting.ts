import type { Posting } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { postingKeys, taskKeys } from '../../../lib/query-keys.ts';

/** POST /api/postings/:postingId/retry (landlord): a failed posting is tried again with a fresh set of tries. */
export function retryPosting(postingId: string): Promise<Posting> {
  return api.post<Posting>(`/api/postings/${encodeURIComponent(postingId)}/retry`);
}

export function useRetryPosting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryPosting,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: postingKeys.all }), queryClient.invalidateQueries({ queryKey: taskKeys.all })]),
  });
}
