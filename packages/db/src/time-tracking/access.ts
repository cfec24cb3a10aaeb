import { can, type Actor } from '../shared/actor.ts';

/**
 * Which entries a person sees: everything with `timeTracking.readAll`; otherwise their own, those
 * on projects they manage, and with `timeTracking.team` those of their department's employees.
 */
export function visibilitySql(actor: Actor): { sql: string; params: unknown[] } {
  if (can(actor, 'timeTracking.readAll')) return { sql: 'true', params: [] };
  // Each arm is an index condition on time_entries (`= any(array(...))` runs its subquery once),
  // so Postgres combines index scans instead of reading every entry.
  const parts = ['e.employee_id = ?', 'e.project_id = any(array(select mp.id from projects mp where mp.project_manager_id = ?))'];
  const params: unknown[] = [actor.id, actor.id];
  if (can(actor, 'timeTracking.team')) {
    parts.push('e.employee_id = any(array(select te.id from employees te join employees me on me.department_id = te.department_id where me.id = ?))');
    params.push(actor.id);
  }
  return { sql: `(${parts.join(' or ')})`, params };
}

export type LockReason = 'invoiced' | 'period' | 'approved' | 'not_yours';

/**
 * Why an entry may not be changed by this person, or null when it may. Invoiced entries are
 * locked for everyone, entries in a locked period too; approved entries are locked for their
 * employee; other people's entries need `timeTracking.manage`.
 */
export function lockReason(
  entry: { employeeId: string; isInvoiced: boolean; isApproved: boolean; entryDate: string },
  actor: Actor,
  lockedUntil: string | null,
): LockReason | null {
  if (entry.isInvoiced) return 'invoiced';
  if (lockedUntil && entry.entryDate <= lockedUntil) return 'period';
  const manage = can(actor, 'timeTracking.manage');
  if (entry.employeeId !== actor.id && !manage) return 'not_yours';
  if (entry.isApproved && !manage) return 'approved';
  return null;
}

/** Approving needs `timeTracking.approve`, or being the manager of the entry's project. */
export function mayApprove(entry: { projectManagerId: string | null }, actor: Actor): boolean {
  return can(actor, 'timeTracking.approve') || (entry.projectManagerId !== null && entry.projectManagerId === actor.id);
}
