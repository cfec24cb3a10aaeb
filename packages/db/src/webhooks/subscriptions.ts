import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { WebhookDeliveryListInput, WebhookDeliveryStatus, WebhookSubscriptionCreateInput, WebhookSubscriptionUpdateInput } from '@workmate/domain/webhooks';
import { WebhookSubscription } from '../entities/webhook-subscription.ts';
import { checkVersion } from '../shared/versioning.ts';
import { enqueueDeliveryJob, queueDelivery } from './deliver.ts';
import { auditRow } from '../audit/write.ts';
import { checkWebhookTarget } from './target.ts';

export interface WebhookSubscriptionDto {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  version: number;
}

export interface WebhookDeliveryDto {
  id: string;
  subscriptionId: string;
  subscriptionName: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface WebhookAttemptDto {
  attempt: number;
  at: string;
  ok: boolean;
  responseCode: number | null;
  durationMs: number;
  error: string | null;
}

/** A fresh signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const toDto = (s: WebhookSubscription): WebhookSubscriptionDto => ({
  id: s.id,
  name: s.name,
  url: s.url,
  eventTypes: s.eventTypes,
  active: s.active,
  failingSince: s.failingSince?.toISOString() ?? null,
  disabledAt: s.disabledAt?.toISOString() ?? null,
  disabledReason: s.disabledReason ?? null,
  createdAt: s.createdAt.toISOString(),
  version: s.version,
});

async function find(em: EntityManager, id: string): Promise<WebhookSubscription> {
  const s = await em.findOne(WebhookSubscription, { id });
  if (!s) throw notFound('Webhook subscription', id);
  return s;
}

export async function listWebhookSubscriptions(em: EntityManager): Promise<WebhookSubscriptionDto[]> {
  const rows = await em.find(WebhookSubscription, {}, { orderBy: { name: 'asc', id: 'asc' } });
  return rows.map(toDto);
}

export async function getWebhookSubscription(em: EntityManager, id: string): Promise<WebhookSubscriptionDto> {
  return toDto(await find(em, id));
}

/** Creates a subscription with a new secret; the secret is shown once, in this answer (and by revealSecret). */
export async function createWebhookSubscription(em: EntityManager, input: WebhookSubscriptionCreateInput, allowList: string): Promise<WebhookSubscriptionDto & { secret: string }> {
  await checkWebhookTarget(input.url, allowList);
  const s = em.create(WebhookSubscription, { ...input, secret: newWebhookSecret(), failingSince: null, disabledAt: null, disabledReason: null });
  await em.flush();
  return { ...toDto(s), secret: s.secret };
}

export async function updateWebhookSubscription(em: EntityManager, input: WebhookSubscriptionUpdateInput, allowList: string): Promise<WebhookSubscriptionDto> {
  return em.transactional(async (tx) => {
    const s = await find(tx, input.id);
    checkVersion(s, input.version, 'webhook subscription');
    if (input.url !== undefined) await checkWebhookTarget(input.url, allowList);
    if (input.name !== undefined) s.name = input.name;
    if (input.url !== undefined) s.url = input.url;
    if (input.eventTypes !== undefined) s.eventTypes = input.eventTypes;
    if (input.active !== undefined) {
      // Switched on again: failures start counting anew.
      if (input.active && !s.active) Object.assign(s, { failingSince: null, disabledAt: null, disabledReason: null });
      s.active = input.active;
    }
    await tx.flush();
    return toDto(s);
  });
}

export async function deleteWebhookSubscription(em: EntityManager, id: string): Promise<void> {
  const s = await find(em, id);
  em.remove(s);
  await em.flush();
}

/** A new secret; the old one stops working at once. */
export async function rotateWebhookSecret(em: EntityManager, id: string): Promise<{ secret: string }> {
  const s = await find(em, id);
  s.secret = newWebhookSecret();
  await em.flush();
  return { secret: s.secret };
}

/** Sends a `webhook.test` event to one subscription, through the same pipeline as every other delivery. */
export async function sendTestWebhook(em: EntityManager, id: string): Promise<{ deliveryId: string }> {
  return em.transactional(async (tx) => {
    const s = await find(tx, id);
    if (!s.active) throw appError('CONFLICT', 'webhook.inactive', {}, { field: 'id' });
    const eventId = `test-${randomUUID()}`;
    const deliveryId = (await queueDelivery(tx, s.id, eventId, 'webhook.test', { subscriptionId: s.id })) as string;
    auditRow(tx, 'create', 'webhookDelivery', deliveryId, { subscriptionId: { before: null, after: s.id }, eventType: { before: null, after: 'webhook.test' } });
    await tx.flush();
    return { deliveryId };
  });
}

/** Posts a delivery once more (a new round of attempts, same message id, so the receiver can tell it is the same message). */
export async function redeliverWebhook(em: EntityManager, deliveryId: string): Promise<{ deliveryId: string; round: number }> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<Array<{ round: number; active: boolean }>>(
      `update webhook_deliveries d set round = d.round + 1, status = 'pending', error = null from webhook_subscriptions s
        where d.id = ? and s.id = d.subscription_id returning d.round, s.active`,
      [deliveryId],
    );
    if (!row) throw notFound('Webhook delivery', deliveryId);
    if (!row.active) throw appError('CONFLICT', 'webhook.inactive', {}, { field: 'deliveryId' });
    enqueueDeliveryJob(tx, deliveryId, row.round);
    auditRow(tx, 'update', 'webhookDelivery', deliveryId, { round: { before: row.round - 1, after: row.round } });
    await tx.flush();
    return { deliveryId, round: row.round };
  });
}

export async function listWebhookDeliveries(em: EntityManager, input: WebhookDeliveryListInput): Promise<PageResult<WebhookDeliveryDto>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.subscriptionId) {
    where.push('d.subscription_id = ?');
    params.push(input.subscriptionId);
  }
  if (input.status) {
    where.push('d.status = ?');
    params.push(input.status);
  }
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select d.id, d.subscription_id, s.name as subscription_name, d.event_id, d.event_type, d.status, d.attempts, d.response_code, d.duration_ms, d.error, d.created_at, d.last_attempt_at, d.delivered_at, count(*) over () as total
       from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id ${clause}
      order by d.created_at desc, d.id limit ? offset ?`,
    [...params, input.pageSize, (input.page - 1) * input.pageSize],
  );
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      subscriptionId: String(r.subscription_id),
      subscriptionName: String(r.subscription_name),
      eventId: String(r.event_id),
      eventType: String(r.event_type),
      status: r.status as WebhookDeliveryStatus,
      attempts: Number(r.attempts),
      responseCode: r.response_code === null ? null : Number(r.response_code),
      durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
      error: (r.error as string | null) ?? null,
      createdAt: iso(r.created_at) as string,
      lastAttemptAt: iso(r.last_attempt_at),
      deliveredAt: iso(r.delivered_at),
    })),
    total: Number(rows[0]?.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function listWebhookAttempts(em: EntityManager, deliveryId: string): Promise<WebhookAttemptDto[]> {
  const rows = await em.execute<Array<Record<string, unknown>>>(`select attempt, at, ok, response_code, duration_ms, error from webhook_attempts where delivery_id = ? order by id`, [deliveryId]);
  return rows.map((r) => ({ attempt: Number(r.attempt), at: new Date(r.at as string).toISOString(), ok: Boolean(r.ok), responseCode: r.response_code === null ? null : Number(r.response_code), durationMs: Number(r.duration_ms), error: (r.error as string | null) ?? null }));
}
