import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookTarget, postWebhook } from '@workmate/db/webhooks/target';
import { verifyWebhook, WebhookRejected } from '@workmate/domain/webhook-receiver';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';
import { startWorker, until, type RunningWorker } from '../helpers/worker.ts';

/**
 * Outgoing webhooks (issue 18) end to end: the API records subscriptions, a record change is an
 * outbox event, the real worker fans it out into one delivery per subscription and posts it
 * signed (Standard Webhooks) to a local receiver, retrying on the backoff schedule (shortened
 * here by WEBHOOK_RETRY_DELAYS_MS). Its own database and queue prefix: no other file's worker
 * touches these deliveries. Local targets are allowed by WEBHOOK_ALLOWED_HOSTS, as a test must.
 */

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver that keeps every request and answers with the next planned status (200 when none is planned). */
async function receiver() {
  const received: Received[] = [];
  const plan: number[] = [];
  let always: number | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(always ?? plan.shift() ?? 200);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    plan,
    failAlways: (status: number | null) => (always = status),
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const ALLOWED = '127.0.0.1,localhost';
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let worker: RunningWorker;
let hook: Awaited<ReturnType<typeof receiver>>;
let admin: Client;

beforeAll(async () => {
  hook = await receiver();
  db = await freshDatabase('workmate_webhooks');
  app = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: ALLOWED }, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  worker = startWorker({ DATABASE_URL: db.databaseUrl, QUEUE_PREFIX: `wm-webhooks-${process.pid}`, WEBHOOK_ALLOWED_HOSTS: ALLOWED, WEBHOOK_RETRY_DELAYS_MS: '50,50,50,50,50,50,50' });
});
afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await db?.drop();
  await hook?.close();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

describe('webhook subscriptions', () => {
  it('a new customer is posted, signed, to the subscription that wants customer.created; the log shows the delivery', async () => {
    const sub = await admin.platform.webhooks.create.mutate({ name: unique('CRM sync'), url: hook.url('/crm'), eventTypes: ['customer.created'] });
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const before = hook.received.length;
    const customer = await admin.crm.customers.create.mutate({ name: unique('Webhook GmbH'), city: 'Berlin' });
    await until(async () => hook.received.length > before, 'the webhook to arrive');
    const got = hook.received[before] as Received;
    // The receiver helper accepts it: signed with the subscription's secret, fresh.
    const body = verifyWebhook(sub.secret, got.body, got.headers as Record<string, string>) as { type: string; data: { id: string; entity: string; action: string } };
    expect(body.type).toBe('customer.created');
    expect(body.data).toMatchObject({ entity: 'customer', id: customer.id, action: 'create' });
    expect(got.headers['webhook-id']).toMatch(/^msg_/);
    // The same body with another secret is refused.
    expect(() => verifyWebhook(`whsec_${Buffer.from('wrong').toString('base64')}`, got.body, got.headers as Record<string, string>)).toThrow(WebhookRejected);

    await until(async () => (await admin.platform.webhooks.deliveries.query({ subscriptionId: sub.id })).items[0]?.status === 'succeeded', 'the delivery to be logged');
    const log = await admin.platform.webhooks.deliveries.query({ subscriptionId: sub.id });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ eventType: 'customer.created', status: 'succeeded', attempts: 1, responseCode: 200 });
    expect(log.items[0]?.durationMs).toBeGreaterThanOrEqual(0);
    // A change of the customer is not a customer.created: nothing more for this subscription.
    await admin.platform.webhooks.update.mutate({ id: sub.id, version: sub.version, active: false });
  });

  it('a failing receiver gets the delivery again on the backoff schedule until it answers 2xx; every attempt is logged', async () => {
    const sub = await admin.platform.webhooks.create.mutate({ name: unique('Flaky'), url: hook.url('/flaky'), eventTypes: ['project.created', 'customer.created'] });
    hook.plan.push(500, 503);
    await admin.crm.customers.create.mutate({ name: unique('Retry GmbH') });
    await until(async () => (await admin.platform.webhooks.deliveries.query({ subscriptionId: sub.id })).items[0]?.status === 'succeeded', 'the third attempt to succeed');
    const [delivery] = (await admin.platform.webhooks.deliveries.query({ subscriptionId: sub.id })).items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseCode: 200, error: null });
    const attempts = await admin.platform.webhooks.attempts.query({ deliveryId: delivery?.id as string });
    expect(attempts.map((a) => [a.attempt, a.ok, a.responseCode])).toEqual([
      [1, false, 500],
      [2, false, 503],
      [3, true, 200],
    ]);
    // One message: every attempt carried the same webhook-id.
    const ids = new Set(hook.received.slice(-3).map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const [subscription] = await sql<Array<{ failing_since: Date | null; active: boolean }>>(`select failing_since, active from webhook_subscriptions where id = ?`, [sub.id]);
    expect(subscription).toEqual({ failing_since: null, active: true });
    await admin.platform.webhooks.update.mutate({ id: sub.id, version: (await admin.platform.webhooks.get.query({ id: sub.id })).version, active: false });
  });

  it('"send test event" and "redeliver" go through the same pipeline, with the same message id on redelivery', async () => {
    const sub = await admin.platform.webhooks.create.mutate({ name: unique('Test target'), url: hook.url('/test'), eventTypes: ['webhook.test'] });
    const before = hook.received.length;
    const { deliveryId } = await admin.platform.webhooks.sendTest.mutate({ id: sub.id });
    await until(async () => hook.received.length > before, 'the test event');
    const first = hook.received[before] as Received;
    expect((verifyWebhook(sub.secret, first.body, first.headers as Record<string, string>) as { type: string }).type).toBe('webhook.test');
    await until(async () => (await admin.platform.webhooks.deliveries.query({ subscriptionId: sub.id })).items[0]?.status === 'succeeded', 'the test delivery to be logged');

    expect(await admin.platform.webhooks.redeliver.mutate({ deliveryId })).toEqual({ deliveryId, round: 1 });
    await until(async () => hook.received.length > before + 1, 'the redelivery');
    expect(hook.received[before + 1]?.headers['webhook-id']).toBe(first.headers['webhook-id']);
    await until(async () => (await admin.platform.webhooks.attempts.query({ deliveryId })).length === 2, 'the second attempt in the log');
    // Both were written to the audit trail.
    const audit = await sql(`select action from audit_log where entity = 'webhookDelivery' and entity_id = ? order by id`, [deliveryId]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    await admin.platform.webhooks.delete.mutate({ id: sub.id });
  });

  it('a subscription whose deliveries only failed for five days is disabled', async () => {
    const sub = await admin.platform.webhooks.create.mutate({ name: unique('Dead target'), url: hook.url('/dead'), eventTypes: ['webhook.test'] });
    hook.failAlways(500);
    try {
      // It has been failing since six days ago.
      await sql(`update webhook_subscriptions set failing_since = now() - interval '6 days' where id = ?`, [sub.id]);
      await admin.platform.webhooks.sendTest.mutate({ id: sub.id });
      await until(async () => !(await admin.platform.webhooks.get.query({ id: sub.id })).active, 'the subscription to be disabled');
    } finally {
      hook.failAlways(null);
    }
    const disabled = await admin.platform.webhooks.get.query({ id: sub.id });
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.disabledReason).toMatch(/failed for 5 days/);
    // A disabled subscription takes no test events until switched on again (which restarts the count).
    expect((await errorOf(admin.platform.webhooks.sendTest.mutate({ id: sub.id }))).appCode).toBe('webhook.inactive');
    const on = await admin.platform.webhooks.update.mutate({ id: sub.id, version: disabled.version, active: true });
    expect(on).toMatchObject({ active: true, failingSince: null, disabledAt: null });
  });

  it('one that failed for a shorter time stays on', async () => {
    const sub = await admin.platform.webhooks.create.mutate({ name: unique('Shaky target'), url: hook.url('/shaky'), eventTypes: ['webhook.test'] });
    await sql(`update webhook_subscriptions set failing_since = now() - interval '2 days' where id = ?`, [sub.id]);
    hook.plan.push(500);
    const { deliveryId } = await admin.platform.webhooks.sendTest.mutate({ id: sub.id });
    await until(async () => (await admin.platform.webhooks.attempts.query({ deliveryId })).length >= 1, 'the failed attempt');
    expect((await admin.platform.webhooks.get.query({ id: sub.id })).active).toBe(true);
  });
});

describe('SSRF: private and local targets', () => {
  it('are refused when a subscription is saved, unless the host is on WEBHOOK_ALLOWED_HOSTS', async () => {
    const error = await errorOf(admin.platform.webhooks.create.mutate({ name: 'Metadata', url: 'http://169.254.169.254/latest', eventTypes: ['webhook.test'] }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', appCode: 'webhook.privateAddress' });
    expect(error.fieldErrors?.url).toBeDefined();
    await expect(checkWebhookTarget('http://127.0.0.1:8080/x', '')).rejects.toMatchObject({ field: 'url' });
    await expect(checkWebhookTarget('http://localhost:8080/x', '')).rejects.toMatchObject({ field: 'url' });
    await expect(checkWebhookTarget('http://[::1]/x', '')).rejects.toMatchObject({ field: 'url' });
    await expect(checkWebhookTarget('http://10.0.0.5/x', '')).rejects.toMatchObject({ field: 'url' });
    await expect(checkWebhookTarget('http://127.0.0.1:8080/x', ALLOWED)).resolves.toBeUndefined();
  });

  it('are refused again when posting (no request leaves), whatever the subscription said', async () => {
    // Only requests to /ssrf count: a retry of an earlier test's delivery may still land meanwhile.
    const ssrf = () => hook.received.filter((r) => r.path === '/ssrf').length;
    const numeric = await postWebhook(hook.url('/ssrf'), {}, '{}', { allowList: '', timeoutMs: 2000 });
    expect(numeric.status).toBeNull();
    expect(numeric.error).toMatch(/private address/);
    const named = await postWebhook(hook.url('/ssrf').replace('127.0.0.1', 'localhost'), {}, '{}', { allowList: '', timeoutMs: 2000 });
    expect(named.status).toBeNull();
    expect(named.error).toMatch(/private address/);
    expect(ssrf()).toBe(0);
  });
});

describe('bad input', () => {
  it('is refused naming the field, and changes nothing', async () => {
    const count = async () => Number((await sql<Array<{ n: string }>>(`select count(*) as n from webhook_subscriptions`))[0]?.n);
    const n = await count();
    const noTypes = await errorOf(admin.platform.webhooks.create.mutate({ name: 'x', url: hook.url('/x'), eventTypes: [] }));
    expect(noTypes.code).toBe('BAD_REQUEST');
    expect(noTypes.fieldIssues?.eventTypes).toEqual([{ code: 'field.eventTypes', params: {} }]);
    const ftp = await errorOf(admin.platform.webhooks.create.mutate({ name: 'x', url: 'ftp://example.com/x', eventTypes: ['webhook.test'] }));
    expect(ftp.fieldIssues?.url).toEqual([{ code: 'field.httpAddress', params: {} }]);
    const unknownType = await errorOf(admin.platform.webhooks.create.mutate({ name: 'x', url: hook.url('/x'), eventTypes: ['nothing.happened' as never] }));
    expect(Object.keys(unknownType.fieldErrors ?? {})).toEqual(['eventTypes.0']);
    expect(await count()).toBe(n);
  });
});
