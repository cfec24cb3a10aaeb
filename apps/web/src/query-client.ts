import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
import { errorCode } from './lib/errors.ts';

const NO_RETRY = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'CONFLICT', 'TOO_MANY_REQUESTS']);

/** A signed-out (or expired) session anywhere sends the user to the sign-in page. */
function onUnauthorized(queryClient: QueryClient, error: unknown) {
  if (errorCode(error) !== 'UNAUTHORIZED') return;
  const here = window.location.pathname;
  if (here === '/login') return;
  const next = here === '/' ? '' : `?next=${encodeURIComponent(here + window.location.search)}`;
  navigate(`/login${next}`, { replace: true });
  queryClient.clear();
}

export function makeQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthorized(queryClient, error) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorized(queryClient, error) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !NO_RETRY.has(errorCode(error) ?? '') && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
