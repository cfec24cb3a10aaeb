import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPayload } from '@workmate/domain/events';
import type { EVENTS } from '@workmate/domain/events';
import { JOBS } from '@workmate/domain/jobs';
import { signWebhook } from '@workmate/domain/webhook-receiver';
import { webhookEventType, type WebhookBody } from '@workmate/domain/webhooks';
import { enqueue } from '../outbox/outbox.ts';
import { postWebhook } from './target.ts';

export function enqueueDeliveryJob(tx: EntityManager, deliveryId: string, round: number): void {
  enqueue(tx, JOBS.deliverWebhook, { deliveryId, round });
}

/**
 * Records one delivery of an event to a subscription and asks for its job, in the caller's
 * transaction. Once per (subscription, event): a second call for the same pair does nothing and
 * returns null.
 */
export async function queueDelivery(tx: EntityManager, subscriptionId: string, eventId: string, eventType: string, data: Record<string, unknown>): Promise<string | null> {
  const body: WebhookBody = { type: eventType, timestamp: new Date().toISOString(), data };
  const [row] = await tx.execute<Array<{ id: string }>>(
    `insert into webhook_deliveries (id, subscription_id, event_id, event_type, payload) values (?, ?, ?, ?, ?)
       on conflict (subscription_id, event_id) do nothing returning id`,
    [randomUUID(), subscriptionId, eventId, eventType, JSON.stringify(body)],
  );
  if (!row) return null;
  enqueueDeliveryJob(tx, row.id, 0);
  return row.id;
}

/**
 * The webhooks subscriber of record.changed: one delivery per active subscription that wants
 * the event's type (or `*`). Idempotent: the database keeps one delivery per (subscription, event).
 */
export async function queueRecordEventDeliveries(em: EntityManager, eventId: string, event: EventPayload<typeof EVENTS.recordChanged>): Promise<number> {
  const type = webhookEventType(event.entity, event.action);
  return em.transactional(async (tx) => {
    const subs = await tx.execute<Array<{ id: string }>>(`select id from webhook_subscriptions where active and event_types @> ?::jsonb`, [JSON.stringify([type])]);
    let queued = 0;
    for (const s of subs) {
      const data = { entity: event.entity, id: event.entityId, action: event.action, fields: event.fields, ...(event.status ? { status: event.status } : {}) };
      if (await queueDelivery(tx, s.id, eventId, type, data)) queued++;
    }
    return queued;
  });
}

export interface DeliveryOptions {
  allowList: string;
  timeoutMs: number;
  disableAfterDays: number;
  /** Which attempt of the job this is (1 = first) and how many it gets. */
  attempt: number;
  attempts: number;
  now?: Date;
}

export type DeliveryOutcome = { done: 'succeeded' | 'skipped' | 'failed'; status: number | null } | { retry: string };

/**
 * One attempt of a delivery: signs the stored body (Standard Webhooks; the message id is the
 * delivery's, the same on every attempt), posts it, and writes the attempt to the log. A 2xx is
 * success; anything else is a failure that the job retries ({ retry }) until its last attempt.
 * A subscription that has only failed since `disableAfterDays` days is switched off.
 */
export async function attemptDelivery(em: EntityManager, deliveryId: string, round: number, options: DeliveryOptions): Promise<DeliveryOutcome> {
  const [d] = await em.execute<Array<{ status: string; round: number; payload: unknown; url: string; secret: string; active: boolean; subscription_id: string }>>(
    `select d.status, d.round, d.payload, s.url, s.secret, s.active, s.id as subscription_id from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id where d.id = ?`,
    [deliveryId],
  );
  if (!d || d.round !== round) return { done: 'skipped', status: null };
  if (d.status === 'succeeded') return { done: 'skipped', status: null };
  if (!d.active) {
    await em.execute(`update webhook_deliveries set status = 'failed', error = 'The subscription is disabled' where id = ? and status <> 'succeeded'`, [deliveryId]);
    return { done: 'skipped', status: null };
  }
  const body = typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload);
  const now = options.now ?? new Date();
  const headers = signWebhook(d.secret, `msg_${deliveryId}`, body, now);
  const result = await postWebhook(d.url, headers, body, { allowList: options.allowList, timeoutMs: options.timeoutMs });
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const last = options.attempt >= options.attempts;
  const error = ok ? null : (result.error ?? `HTTP ${result.status}`);
  const status = ok ? 'succeeded' : last ? 'failed' : 'retrying';
  if (ok) {
    // The common case in one statement (atomic on its own): the attempt, the delivery, and the subscription's failure count cleared.
    await em.execute(
      `with attempt as (insert into webhook_attempts (delivery_id, attempt, ok, response_code, duration_ms, error) values (?, ?, true, ?, ?, null)),
            delivery as (update webhook_deliveries set attempts = attempts + 1, status = 'succeeded', response_code = ?, duration_ms = ?, error = null, last_attempt_at = now(), delivered_at = now() where id = ?)
       update webhook_subscriptions set failing_since = null where id = ? and failing_since is not null`,
      [deliveryId, options.attempt, result.status, result.durationMs, result.status, result.durationMs, deliveryId, d.subscription_id],
    );
  } else {
    await em.transactional(async (tx) => {
      await tx.execute(`insert into webhook_attempts (delivery_id, attempt, ok, response_code, duration_ms, error) values (?, ?, false, ?, ?, ?)`, [deliveryId, options.attempt, result.status, result.durationMs, error]);
      await tx.execute(`update webhook_deliveries set attempts = attempts + 1, status = ?, response_code = ?, duration_ms = ?, error = ?, last_attempt_at = now() where id = ?`, [status, result.status, result.durationMs, error, deliveryId]);
      await tx.execute(`update webhook_subscriptions set failing_since = ? where id = ? and failing_since is null`, [now, d.subscription_id]);
      const cutoff = new Date(now.getTime() - options.disableAfterDays * 86_400_000);
      await tx.execute(
        `update webhook_subscriptions set active = false, disabled_at = ?, disabled_reason = ?, version = version + 1, updated_at = now() where id = ? and active and failing_since <= ?`,
        [now, `Every delivery failed for ${options.disableAfterDays} days (last: ${error})`.slice(0, 300), d.subscription_id, cutoff],
      );
    });
  }
  if (ok) return { done: 'succeeded', status: result.status };
  if (last) return { done: 'failed', status: result.status };
  return { retry: error ?? 'failed' };
}
