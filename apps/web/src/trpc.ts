import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@workmate/api/router';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * Every request carries the anti-CSRF header; the session travels in an HttpOnly cookie.
 * Subscriptions (live notifications) go over server-sent events: a same-origin EventSource
 * sends the cookie by itself, and a GET needs no anti-CSRF header.
 */
export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc' }),
        false: httpBatchLink({
          url: '/trpc',
          headers: { 'x-workmate-client': 'web' },
          fetch: (url, options) => fetch(url, { ...options, credentials: 'same-origin' }),
        }),
      }),
    ],
  });
}
