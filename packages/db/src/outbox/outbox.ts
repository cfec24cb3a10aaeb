import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENTS, eventNamed, subscriberJob, subscriberJobsOf } from '@workmate/domain/events';
import { jobIdFor, type JobContract, type JobPayload } from '@workmate/domain/jobs';
import { OutboxMessage } from '../entities/outbox-message.ts';

/**
 * The one way to enqueue a job: it is written to the outbox in the caller's transaction and
 * reaches BullMQ after commit (see relayOutbox). Rolled back with the change, kept across crashes.
 */
export function enqueue<J extends JobContract>(em: EntityManager, job: J, payload: JobPayload<J>): string {
  const data = job.payload.parse(payload) as Record<string, unknown>;
  const jobId = jobIdFor(job, payload);
  em.create(OutboxMessage, { queue: job.queue, name: job.name, jobId, payload: data });
  return jobId;
}

export interface OutboxRow {
  id: string;
  queue: string;
  name: string;
  job_id: string;
  payload: Record<string, unknown>;
}

/**
 * Moves outbox rows to their queues: new ones, and ones dispatched more than `redeliverMs` ago
 * whose job has not finished (Redis may have lost it: a restart without persistence drops
 * waiting jobs). Rows are locked (skip locked, so several relays can run), added with their
 * deterministic job id, and stamped in the same transaction: a relay that dies half-way leaves
 * its rows for the next one, and adding a job id that Redis still holds is a no-op, so a row
 * relayed twice is still one job. Returns how many rows it moved.
 */
export async function relayOutbox(em: EntityManager, add: (row: OutboxRow) => Promise<void>, options: { limit?: number; redeliverMs?: number } = {}): Promise<number> {
  const { limit = 200, redeliverMs = 60_000 } = options;
  return em.transactional(async (tx) => {
    const rows = await tx.execute<OutboxRow[]>(
      `select id, queue, name, job_id, payload from outbox
        where completed_at is null and kind = 'job' and (dispatched_at is null or dispatched_at < now() - make_interval(secs => ?))
        order by id limit ? for update skip locked`,
      [redeliverMs / 1000, limit],
    );
    if (rows.length === 0) return 0;
    for (const row of rows) await add({ ...row, id: String(row.id) });
    await tx.execute(`update outbox set dispatched_at = now() where id in (?)`, [rows.map((r) => String(r.id))]);
    return rows.length;
  });
}

/**
 * Fans committed events out into their after-commit subscribers' jobs: one job row per
 * subscriber, with the job id `(event id, subscriber)`, written in the same transaction that
 * marks the event done. Events are locked (skip locked, so several relays can run): an event is
 * fanned out once, and a relay that dies half-way leaves it for the next. The job rows then
 * travel like any other job (relayOutbox). Returns how many events it fanned out.
 */
export async function fanOutEvents(em: EntityManager, options: { limit?: number } = {}): Promise<number> {
  const { limit = 200 } = options;
  return em.transactional(async (tx) => {
    const rows = await tx.execute<Array<{ id: string; name: string; job_id: string; payload: Record<string, unknown> }>>(
      `select id, name, job_id, payload from outbox where completed_at is null and kind = 'event' order by id limit ? for update skip locked`,
      [limit],
    );
    if (rows.length === 0) return 0;
    const idle = await idleSubscriberJobs(tx, rows);
    for (const row of rows) {
      const event = eventNamed(row.name);
      // An event nobody subscribes to any more (or an unknown name) is done: there is nothing to run.
      if (!event) continue;
      for (const job of subscriberJobsOf(event)) {
        if (idle.has(job.name)) continue;
        try {
          enqueue(tx, job, { eventId: row.job_id, event: row.payload });
        } catch (error) {
          // Published events were checked against their schema; one that no longer fits must not block the others.
          console.error(`[outbox] event ${row.name} ${row.job_id} does not fit ${job.name}:`, (error as Error).message);
        }
      }
    }
    await tx.flush();
    await tx.execute(`update outbox set dispatched_at = now(), completed_at = now() where id in (?)`, [rows.map((r) => String(r.id))]);
    return rows.length;
  });
}

/**
 * Record changes are many, and most installations have no rule or webhook for them: their
 * subscribers' jobs are not made while there is no active rule (automation) or no active
 * subscription (webhooks). A rule or subscription applies to the changes after it was switched on.
 */
async function idleSubscriberJobs(tx: EntityManager, rows: Array<{ name: string }>): Promise<Set<string>> {
  const idle = new Set<string>();
  if (!rows.some((r) => r.name === EVENTS.recordChanged.name)) return idle;
  const [row] = await tx.execute<Array<{ rules: boolean; hooks: boolean }>>(
    `select exists(select 1 from automation_rules where active) as rules, exists(select 1 from webhook_subscriptions where active) as hooks`,
  );
  if (!row?.rules) idle.add(subscriberJob(EVENTS.recordChanged, 'automation').name);
  if (!row?.hooks) idle.add(subscriberJob(EVENTS.recordChanged, 'webhooks').name);
  return idle;
}

/**
 * Called by the worker once a job has finished (or failed for good): its outbox rows are done
 * and are not relayed again. Jobs that did not come through the outbox (schedules) match none.
 */
export async function completeOutboxJob(em: EntityManager, jobId: string): Promise<void> {
  await em.transactional(async (tx) => {
    // A fast job (an event subscriber's) can finish while the relay that handed it over still
    // holds its row, not yet stamped dispatched: wait for that relay first, so the update below
    // (a new statement, a new snapshot) sees the stamp instead of leaving the row open forever.
    await tx.execute(`select 1 from outbox where job_id = ? and completed_at is null for update`, [jobId]);
    await tx.execute(`update outbox set completed_at = now() where job_id = ? and completed_at is null and dispatched_at is not null`, [jobId], 'run');
  });
}

/** Finished rows are kept a week for tracing, then removed by the maintenance job. */
export async function pruneOutbox(em: EntityManager): Promise<number> {
  const res = await em.execute(`delete from outbox where completed_at < now() - interval '7 days'`, [], 'run');
  return Number((res as { affectedRows?: number }).affectedRows ?? 0);
}
