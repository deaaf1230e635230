import type { RentalSearchResponse } from '@rentledger/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { rentalKeys } from '../../../lib/query-keys.ts';

export type RentalResult = RentalSearchResponse['results'][number];

/** Searches need at least this many characters (the server says the same). */
export const MIN_SEARCH_LENGTH = 2;

/** GET /api/rentals/search?q= (signed in): typo-tolerant, properties and their units only. */
export async function searchRentals(q: string, signal?: AbortSignal): Promise<RentalResult[]> {
  const { results } = await api.get<RentalSearchResponse>('/api/rentals/search', { query: { q }, signal });
  return results;
}

export const rentalSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: rentalKeys.search(q),
    queryFn: ({ signal }) => searchRentals(q, signal),
    enabled: q.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export function useRentalSearch(q: string) {
  return useQuery(rentalSearchQueryOptions(q.trim()));
}
