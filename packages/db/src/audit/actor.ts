import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting. Requests and jobs run inside `runAs` so audit rows know their author. */
export interface Actor {
  id: string | null;
  label: string;
}

const storage = new AsyncLocalStorage<Actor>();

export function runAs<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

export function currentActor(): Actor {
  return storage.getStore() ?? { id: null, label: 'system' };
}
