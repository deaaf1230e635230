import type { PostingList, PostingStatus } from '@rentledger/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { postingKeys } from '../../../lib/query-keys.ts';

/** GET /api/postings (landlord): a page of postings to the accounting system, newest first, with the counts by status. */
export async function getPostingsPage(status: PostingStatus | undefined, cursor: string | null, signal?: AbortSignal): Promise<PostingList> {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (cursor) query.set('cursor', cursor);
  const search = query.toString();
  return api.get<PostingList>(`/api/postings${search ? `?${search}` : ''}`, { signal });
}

export const postingsQueryOptions = (status: PostingStatus | undefined) =>
  infiniteQueryOptions({
    queryKey: postingKeys.list(status),
    queryFn: ({ pageParam, signal }) => getPostingsPage(status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Postings go out each minute: keep what the landlord sees near the truth.
    refetchInterval: 60_000,
  });

export function usePostings(status: PostingStatus | undefined) {
  return useInfiniteQuery(postingsQueryOptions(status));
}
