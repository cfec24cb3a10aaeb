import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JOBS } from '@workmate/domain/jobs';
import { hasPermission } from '@workmate/domain/permissions';
import { ticketSla, type ClockReading, type StatusChange, type TicketSla } from '@workmate/domain/service-sla';
import { Employee } from '../entities/employee.ts';
import { Ticket } from '../entities/ticket.ts';
import { enqueue } from '../outbox/outbox.ts';
import { loadServiceRules, type ServiceRules } from './settings.ts';

/**
 * A ticket's two clocks, read at `now` under the service rules. `pending` are status changes not
 * stored yet (a change computes its due times before its one flush, so it is audited once).
 */
export async function readTicketSla(em: EntityManager, ticket: Ticket, rules: ServiceRules, now: Date, pending: readonly StatusChange[] = []): Promise<TicketSla> {
  const changes = await storedChanges(em, ticket);
  return ticketSla(
    rules.calendar,
    { createdAt: ticket.createdAt, target: rules.targets[ticket.priority], firstResponseAt: ticket.firstResponseAt ?? null, statusChanges: [...changes, ...pending] },
    now,
  );
}

/** The stored status changes, read without flushing what is pending. */
async function storedChanges(em: EntityManager, ticket: Ticket): Promise<StatusChange[]> {
  const rows = await em.execute<Array<{ status: StatusChange['status']; at: string }>>(`select status, at from ticket_status_changes where ticket_id = ? order by at, id`, [ticket.id]);
  return rows.map((r) => ({ status: r.status, at: new Date(r.at) }));
}

/** The due time the sweep watches: known while the clock runs or has been breached; none while paused or met. */
const watched = (r: ClockReading): Date | null => (r.state === 'running' || r.state === 'breached' ? r.dueAt : null);

/** Stores the due times after a change of status, priority, reply or settings (call before flush). */
export async function refreshDueTimes(em: EntityManager, ticket: Ticket, rules: ServiceRules, now = new Date(), pending: readonly StatusChange[] = []): Promise<TicketSla> {
  const sla = await readTicketSla(em, ticket, rules, now, pending);
  ticket.firstResponseDueAt = watched(sla.firstResponse);
  ticket.resolutionDueAt = watched(sla.resolution);
  return sla;
}

/** After the settings changed: the due times of every ticket whose clocks may still run. */
export async function refreshAllDueTimes(em: EntityManager): Promise<void> {
  const rules = await loadServiceRules(em);
  const open = await em.find(Ticket, { status: { $nin: ['closed'] } });
  for (const t of open) await refreshDueTimes(em, t, rules);
  await em.flush();
}

export interface SlaSweepResult {
  breaches: number;
  notifications: number;
  /** Who got a new notification (the API wakes their live subscriptions). */
  notified: string[];
}

/**
 * Finds tickets whose first-response or resolution due time has passed (at `now`, injected so
 * tests use a fake clock), records the breach on the ticket and tells the assignee, or everyone
 * who handles tickets (service.write) when nobody is assigned. Once per breach: the ticket keeps
 * the time of the breach it was told about, and each notification has a dedupe key. Rows are
 * taken with SKIP LOCKED, so two sweeps at once share the work instead of doubling it.
 */
export async function sweepSlaBreaches(em: EntityManager, now: Date = new Date()): Promise<SlaSweepResult> {
  return em.transactional(async (tx) => {
    const due = await tx.find(
      Ticket,
      {
        $or: [
          { firstResponseDueAt: { $lte: now }, firstResponseBreachedAt: null },
          { resolutionDueAt: { $lte: now }, resolutionBreachedAt: null },
        ],
      },
      { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { id: 'asc' }, limit: 500 },
    );
    if (!due.length) return { breaches: 0, notifications: 0, notified: [] };
    let handlers: string[] | null = null;
    const serviceHandlers = async () => {
      if (handlers) return handlers;
      const people = await tx.find(Employee, { deletedAt: null, notificationsEnabled: true, role: { $ne: null } }, { populate: ['role'] });
      handlers = people.filter((p) => p.role && hasPermission(p.role.permissions, 'service.write')).map((p) => p.id);
      return handlers;
    };
    const created: Array<{ id: string; employeeId: string }> = [];
    let breaches = 0;
    for (const t of due) {
      const kinds: Array<'firstResponse' | 'resolution'> = [];
      if (t.firstResponseDueAt && t.firstResponseDueAt <= now && !t.firstResponseBreachedAt) {
        t.firstResponseBreachedAt = t.firstResponseDueAt;
        kinds.push('firstResponse');
      }
      if (t.resolutionDueAt && t.resolutionDueAt <= now && !t.resolutionBreachedAt) {
        t.resolutionBreachedAt = t.resolutionDueAt;
        kinds.push('resolution');
      }
      breaches += kinds.length;
      const recipients = t.assignee ? [t.assignee.id] : await serviceHandlers();
      for (const kind of kinds) {
        const title = `Ticket ${t.number}: ${kind === 'firstResponse' ? 'Erstreaktion' : 'Lösung'} überfällig (SLA verletzt)`;
        for (const employeeId of recipients) {
          const rows = await tx.execute<Array<{ id: string }>>(
            `insert into notifications (id, employee_id, kind, title, body, entity, entity_id, dedupe_key, created_at)
             select gen_random_uuid(), e.id, 'ticket_sla_breach', ?, ?, 'ticket', ?, ?, now() from employees e where e.id = ? and e.deleted_at is null and e.notifications_enabled
             on conflict (dedupe_key) do nothing returning id`,
            [title, t.subject, t.id, `sla-${kind}-${t.id}-${employeeId}`, employeeId],
          );
          for (const r of rows) created.push({ id: r.id, employeeId });
        }
      }
    }
    await tx.flush();
    for (const n of created) enqueue(tx, JOBS.sendNotificationEmail, { notificationId: n.id });
    await tx.flush();
    return { breaches, notifications: created.length, notified: created.map((n) => n.employeeId) };
  });
}
