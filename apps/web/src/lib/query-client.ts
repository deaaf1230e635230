import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client.ts';
import { authKeys } from './query-keys.ts';

function onUnauthorized(error: unknown, client: () => QueryClient) {
  // An expired session on any call sends the user back to sign-in (the route guards react to this).
  if (isApiError(error) && error.status === 401) client().setQueryData(authKeys.session(), null);
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthorized(error, () => queryClient) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorized(error, () => queryClient) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
  return queryClient;
}
