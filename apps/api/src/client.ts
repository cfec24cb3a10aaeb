import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from './router.ts';

export type { AppRouter } from './router.ts';

/**
 * The typed client for scripts and integrations:
 *
 *   const wm = createWorkmateClient({ url: 'http://localhost:3000', token: process.env.WORKMATE_TOKEN });
 *   const page = await wm.crm.customers.list.query({ search: 'müller' });
 *   const next = page.nextCursor && (await wm.crm.customers.list.query({ search: 'müller', cursor: page.nextCursor }));
 *   wm.notifications.onNew.subscribe(undefined, { onData: (n) => console.log(n.data.title) });
 *
 * `token` is an API token (Profile → API tokens); it acts with its creator's permissions.
 * Subscriptions travel as server-sent events and resume after a reconnect where they left off.
 * Customers, time entries and documents page by `cursor` (the previous page's `nextCursor`) as
 * well as by `page`: the cursor reads any page, however deep, from an index (README, "the cursor").
 *
 * Each call is its own HTTP request (kept-alive connections): the answer comes as soon as it is
 * ready. `batch: true` instead collects the calls made in the same moment into one request (the
 * batching waits for the next timer tick, about a millisecond), which suits a script that fires
 * hundreds of calls at once.
 */
export function createWorkmateClient(options: { url: string; token?: string; headers?: Record<string, string>; fetch?: typeof fetch; batch?: boolean }) {
  const base = options.url.replace(/\/+$/, '');
  const headers = () => ({
    'x-workmate-client': 'script',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  });
  const doFetch = options.fetch ?? fetch;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${base}/trpc`,
          EventSource,
          // The EventSource of the eventsource package lets us add the token to its request.
          eventSourceOptions: () => ({ fetch: (input, init) => doFetch(input, { ...init, headers: { ...init?.headers, ...headers() } }) }),
        }),
        false: (options.batch ? httpBatchLink : httpLink)({
          url: `${base}/trpc`,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          headers,
        }),
      }),
    ],
  });
}
