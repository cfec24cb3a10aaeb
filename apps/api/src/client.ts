import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from './router.ts';

export type { AppRouter } from './router.ts';

/**
 * The typed client for scripts and integrations:
 *
 *   const wm = createWorkmateClient({ url: 'http://localhost:3000', token: process.env.WORKMATE_TOKEN });
 *   const page = await wm.crm.customers.list.query({ search: 'müller' });
 *
 * `token` is an API token (Profile → API tokens); it acts with its creator's permissions.
 */
export function createWorkmateClient(options: { url: string; token?: string; headers?: Record<string, string>; fetch?: typeof fetch }) {
  const base = options.url.replace(/\/+$/, '');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        headers: () => ({
          'x-workmate-client': 'script',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        }),
      }),
    ],
  });
}
