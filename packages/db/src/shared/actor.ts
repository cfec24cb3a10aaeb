import { AsyncLocalStorage } from 'node:async_hooks';
import { hasPermission } from '@workmate/domain/permissions';

/*
 * Two different "actors", kept apart on purpose:
 * - `Actor` is who is ASKING: a signed-in employee (or the creator of an API token) with their
 *   permissions. Services take it as an argument and decide what that person may see and do.
 * - `AuditActor` is who is DOING it, as the audit trail names them: a person, or a job / seed
 *   without one (`id: null`, a label such as "system"). It travels implicitly (`runAs`), so the
 *   audit subscriber can stamp rows written deep inside any service.
 * A request sets both: the procedure passes its `Actor`, and runs inside `runAs` its `AuditActor`.
 */

/** Who is asking: the signed-in employee (or the creator of an API token) and their permissions. */
export interface Actor {
  id: string;
  permissions: readonly string[];
}

export const can = (actor: Pick<Actor, 'permissions'>, permission: string) => hasPermission(actor.permissions, permission);

/** Who is acting, for the audit trail. Requests and jobs run inside `runAs` so audit rows know their author. */
export interface AuditActor {
  id: string | null;
  label: string;
}

const storage = new AsyncLocalStorage<AuditActor>();

export function runAs<T>(actor: AuditActor, fn: () => T): T {
  return storage.run(actor, fn);
}

export function currentActor(): AuditActor {
  return storage.getStore() ?? { id: null, label: 'system' };
}
