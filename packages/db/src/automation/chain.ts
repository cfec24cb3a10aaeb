import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How deep in a chain of rules the current code runs: 0 for a person's change, n inside the
 * actions of a rule that ran on an event of depth n - 1. The record events written meanwhile
 * carry it (record-events.ts), so a rule run by a rule's change knows how deep it is.
 */
const storage = new AsyncLocalStorage<number>();

export function runAtDepth<T>(depth: number, fn: () => T): T {
  return storage.run(depth, fn);
}

export function currentDepth(): number {
  return storage.getStore() ?? 0;
}
