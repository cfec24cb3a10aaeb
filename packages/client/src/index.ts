// The typed Workmate client as a package of its own, for scripts outside this repository.
// `build.ts` bundles this file into dist/index.js and writes the router's types beside it.
export { createWorkmateClient } from '@workmate/api/client';
export type { AppRouter } from '@workmate/api/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@workmate/api/client';

/** The input of every procedure, e.g. `RouterInputs['crm']['customers']['create']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** The answer of every procedure, e.g. `RouterOutputs['invoices']['get']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
