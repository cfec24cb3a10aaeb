import type { EntityManager } from '@mikro-orm/postgresql';
import { JOBS } from '@workmate/domain/jobs';
import { hasPermission } from '@workmate/domain/permissions';
import { announceNotifications, type Publisher } from '../notifications/announce.ts';
import { enqueue } from '../outbox/outbox.ts';

/**
 * Monitoring alerts (issue 18): the admins (everyone holding `monitoring.view`) get a notification
 * when the worker's heartbeat is stale, or when a queue stalls (its oldest waiting job is the same
 * one for `stallMs`). The check runs in every API process (the worker cannot report its own death);
 * each alert is one notification per person and episode, whichever process sees it first (the
 * dedupe key names the episode: the last heartbeat seen, or the stuck job).
 */

/** What the check remembers between runs (Redis in production; a Map in a unit test). */
export interface MonitorMemory {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

export interface QueueSnapshot {
  name: string;
  waiting: number;
  /** The id of the oldest waiting job, or null when none waits. */
  oldestWaitingId: string | null;
}

export interface MonitorInput {
  now: Date;
  /** The worker's last heartbeat (ms since the epoch), or null when there is none (the key expired or never was). */
  heartbeatAt: number | null;
  queues: QueueSnapshot[];
  heartbeatMaxAgeMs: number;
  stallMs: number;
}

export interface Alert {
  kind: 'monitoring_worker_stale' | 'monitoring_queue_stalled';
  key: string;
  title: string;
  body: string;
}

const MEMORY = 'workmate:monitor:';

/** The alerts due now; remembers what it needs for the next run. Pure but for `memory`. */
export async function dueAlerts(memory: MonitorMemory, input: MonitorInput): Promise<Alert[]> {
  const now = input.now.getTime();
  const alerts: Alert[] = [];
  // The heartbeat key expires a minute after the last beat, so the last one seen is remembered;
  // a monitor that never saw one counts from its own first run.
  const remembered = Number((await memory.get(`${MEMORY}last-heartbeat`)) ?? 0) || null;
  if (input.heartbeatAt !== null && input.heartbeatAt !== remembered) await memory.set(`${MEMORY}last-heartbeat`, String(Math.max(input.heartbeatAt, remembered ?? 0)));
  const firstRun = Number((await memory.get(`${MEMORY}first-run`)) ?? 0) || null;
  if (!firstRun) await memory.set(`${MEMORY}first-run`, String(now));
  const last = Math.max(input.heartbeatAt ?? 0, remembered ?? 0) || null;
  const since = last ?? firstRun ?? now;
  if (now - since >= input.heartbeatMaxAgeMs) {
    const minutes = Math.floor((now - since) / 60_000);
    alerts.push({
      kind: 'monitoring_worker_stale',
      key: `worker-${last ?? 'never'}`,
      title: last ? 'Der Hintergrunddienst (Worker) meldet sich nicht mehr' : 'Der Hintergrunddienst (Worker) läuft nicht',
      body: last ? `Letztes Lebenszeichen vor ${minutes} Minuten (${new Date(last).toISOString()}). PDFs, E-Mails und geplante Läufe warten.` : 'Seit dem Start der Überwachung kam kein Lebenszeichen. PDFs, E-Mails und geplante Läufe warten.',
    });
  }
  for (const queue of input.queues) {
    const key = `${MEMORY}queue:${queue.name}`;
    if (!queue.oldestWaitingId || queue.waiting === 0) {
      await memory.del(key);
      continue;
    }
    const seen = JSON.parse((await memory.get(key)) ?? 'null') as { id: string; since: number } | null;
    if (!seen || seen.id !== queue.oldestWaitingId) {
      await memory.set(key, JSON.stringify({ id: queue.oldestWaitingId, since: now }));
      continue;
    }
    if (now - seen.since >= input.stallMs) {
      alerts.push({
        kind: 'monitoring_queue_stalled',
        key: `queue-${queue.name}-${queue.oldestWaitingId}`.slice(0, 150),
        title: `Die Warteschlange „${queue.name}“ steht`,
        body: `${queue.waiting} Aufträge warten; der älteste bewegt sich seit ${Math.floor((now - seen.since) / 60_000)} Minuten nicht.`,
      });
    }
  }
  return alerts;
}

/** Everyone active who holds `monitoring.view` (by their role's patterns). */
async function monitoringRecipients(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<Array<{ id: string; permissions: string[] }>>(
    `select e.id, r.permissions from employees e join roles r on r.id = e.role_id
      where e.deleted_at is null and e.status = 'active' and e.notifications_enabled`,
  );
  return rows.filter((r) => hasPermission(r.permissions, 'monitoring.view')).map((r) => r.id);
}

/** Writes each alert as a notification to every admin, once per alert key and person; returns the new notifications' owners. */
export async function notifyAlerts(em: EntityManager, redis: Publisher | null, alerts: Alert[]): Promise<{ created: number; employeeIds: string[] }> {
  if (!alerts.length) return { created: 0, employeeIds: [] };
  const recipients = await monitoringRecipients(em);
  if (!recipients.length) return { created: 0, employeeIds: [] };
  const created = await em.transactional(async (tx) => {
    const rows = await tx.execute<Array<{ id: string; employee_id: string }>>(
      `insert into notifications (id, employee_id, kind, title, body, entity, entity_id, dedupe_key, created_at)
       select gen_random_uuid(), r.employee_id, a.kind, a.title, a.body, null, null, 'monitor-' || a.key || '-' || r.employee_id, now()
         from jsonb_to_recordset(?::jsonb) as a(kind text, key text, title text, body text)
        cross join unnest(?::uuid[]) as r(employee_id)
       on conflict (dedupe_key) do nothing
       returning id, employee_id`,
      [JSON.stringify(alerts), `{${recipients.join(',')}}`],
    );
    for (const row of rows) enqueue(tx, JOBS.sendNotificationEmail, { notificationId: row.id });
    await tx.flush();
    return rows;
  });
  const employeeIds = [...new Set(created.map((r) => r.employee_id))];
  if (redis && employeeIds.length) await announceNotifications(redis, employeeIds).catch(() => undefined);
  return { created: created.length, employeeIds };
}
