import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { QUEUES } from '@workmate/domain/jobs';
import { draftInvoice, invoiceCustomer } from '../helpers/invoices.ts';
import { PASSWORD, userWithRole } from '../helpers/users.ts';
import { startWorker, until, type RunningWorker } from '../helpers/worker.ts';
import { apiOn, ownDatabase, ownRedis, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './own-servers.ts';

/**
 * Redis restarted under load, without persistence (every key is gone, as after a crash of a
 * Redis that keeps nothing on disk): reads keep answering; a finalization commits with its
 * outbox row or fails with a clear 503; and no PDF job is lost, not even the ones already handed
 * to Redis but not yet processed. The API and the worker are the same processes throughout.
 */
let db: Awaited<ReturnType<typeof ownDatabase>>;
let redis: Awaited<ReturnType<typeof ownRedis>>;
let api: Awaited<ReturnType<typeof apiOn>>;
let worker: RunningWorker | undefined;
beforeAll(async () => {
  db = await ownDatabase('faults_redis');
  redis = await ownRedis('redis');
  api = await apiOn({ databaseUrl: db.databaseUrl, redisUrl: redis.redisUrl });
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await worker?.stop();
  await api?.close();
  redis?.remove();
  await db?.drop();
}, SETUP_TIMEOUT_MS);

type Outcome = { ok: true; number: string } | { ok: false; code: string | undefined; message: string };

describe('Redis restarted under load', () => {
  it('reads keep working, finalizations commit with their outbox row, and every finalized invoice gets its PDF exactly once', async () => {
    const { accountant, sql } = api;
    const customer = await invoiceCustomer(api.admin);
    const drafts = (await Promise.all(Array.from({ length: 30 }, () => draftInvoice(accountant, customer.id)))).map((d) => d.id);
    const [relayedIds, duringIds, whileDownIds] = [drafts.slice(0, 10), drafts.slice(10, 20), drafts.slice(20, 30)];
    const pdfJobs = (ids: string[]) => ids.map((id) => `pdf-${id}-final`);
    // A finalization publishes one invoice.finalized event in its transaction; the worker fans it out into the PDF subscriber's job.
    const events = (ids: string[]) => sql(`select 1 from outbox where kind = 'event' and name = 'invoice.finalized' and payload->>'invoiceId' in (?)`, [ids]);

    onTestFailed(() => console.log(`${api.output()}\n--- worker ---\n${worker?.output() ?? ''}`));
    worker = startWorker({ DATABASE_URL: db.databaseUrl, REDIS_URL: redis.redisUrl, OUTBOX_REDELIVER_MS: '1500', PDF_PAGES: '1', JOB_LOCK_MS: '2000' });
    const running = worker;
    await until(async () => /running/.test(running.output()), 'the worker to start', 120_000);

    // 1. Jobs handed to Redis but not processed yet: the PDF queue is paused, the relay moves them.
    const connection = new Redis(redis.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    const documents = new Queue(QUEUES.documents, { connection });
    await documents.pause();
    await Promise.all(relayedIds.map((id) => accountant.invoices.finalize.mutate({ id })));
    await until(async () => (await documents.getWaitingCount()) === 10, 'the 10 jobs to be relayed into Redis', 120_000);
    expect(await sql(`select 1 from outbox where job_id in (?) and dispatched_at is not null`, [pdfJobs(relayedIds)])).toHaveLength(10);
    await documents.close();
    connection.disconnect();

    // 2. Under load: 10 finalizations and reads in flight while Redis goes away (and keeps nothing).
    const inFlight = duringIds.map((id) =>
      accountant.invoices.finalize.mutate({ id }).then(
        (inv): Outcome => ({ ok: true, number: inv.number as string }),
        (e: { message: string; data?: { code?: string } }): Outcome => ({ ok: false, code: e.data?.code, message: e.message }),
      ),
    );
    const reads = Promise.all(Array.from({ length: 10 }, () => accountant.invoices.list.query({})));
    redis.stop();
    const outcomes = await Promise.all(inFlight);
    expect((await reads).every((page) => page.items.length > 0)).toBe(true);
    // Each one either committed (finalized, with its outbox row) or failed with a clear 503 and left the draft alone.
    for (const [i, outcome] of outcomes.entries()) {
      const id = duringIds[i] as string;
      const invoice = await accountant.invoices.get.query({ id });
      if (outcome.ok) {
        expect(invoice.status).toBe('finalized');
        expect(await events([id])).toHaveLength(1);
      } else {
        expect(outcome.code).toBe('SERVICE_UNAVAILABLE');
        expect(outcome.message).toMatch(/not reachable/);
        expect(invoice.status).toBe('draft');
      }
    }

    // 3. While Redis is down: reads answer, a finalization commits its outbox row, sign-in and /health say 503.
    expect((await accountant.invoices.list.query({})).items.length).toBeGreaterThan(0);
    expect((await accountant.invoices.get.query({ id: relayedIds[0] as string })).status).toBe('finalized');
    expect((await accountant.invoices.pdf.query({ id: relayedIds[0] as string })).status).toBe('queued');
    expect((await accountant.crm.customers.list.query({})).items.length).toBeGreaterThan(0);
    for (const id of whileDownIds) expect((await accountant.invoices.finalize.mutate({ id })).status).toBe('finalized');
    expect(await events(whileDownIds)).toHaveLength(10);
    const { employee } = await userWithRole(api, 'Employee');
    const login = () =>
      fetch(`${api.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'test' }, body: JSON.stringify({ email: employee.email, password: PASSWORD }) });
    const refused = await login();
    expect(refused.status).toBe(503);
    expect(JSON.stringify(await refused.json())).toMatch(/not reachable right now/);
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { redis: { ok: boolean } }).redis.ok).toBe(false);

    // 4. Redis is back, empty. The same worker reconnects, and every finalized invoice gets its PDF, once.
    await redis.start();
    const finalized = [...relayedIds, ...whileDownIds, ...duringIds.filter((_, i) => outcomes[i]?.ok)];
    const withPdf = async () => Number((await sql<Array<{ n: string }>>(`select count(*) as n from invoices where id in (?) and pdf_document_id is not null`, [finalized]))[0]?.n);
    await until(async () => (await withPdf()) === finalized.length, `PDFs of all ${finalized.length} finalized invoices`, 180_000);
    const docs = await sql<Array<{ entity_id: string }>>(`select entity_id from documents where kind = 'invoice_pdf' and entity_id in (?)`, [drafts]);
    expect(docs.map((d) => d.entity_id).sort()).toEqual(finalized.slice().sort());
    await until(async () => (await sql(`select 1 from outbox where job_id in (?) and completed_at is null`, [pdfJobs(finalized)])).length === 0, 'every outbox row to be completed', 120_000);
    // The events and their subscribers' jobs are done too.
    await until(
      async () => (await sql(`select 1 from outbox where completed_at is null and coalesce(payload->>'invoiceId', payload->'event'->>'invoiceId') in (?)`, [finalized])).length === 0,
      'every event and subscriber job to be completed',
      120_000,
    );
    expect(running.child.exitCode).toBeNull();
    // The daily schedules, forgotten by the empty Redis, are registered again by the same worker.
    const again = new Redis(redis.redisUrl, { maxRetriesPerRequest: null });
    const schedules = new Queue(QUEUES.invoices, { connection: again });
    await until(async () => (await schedules.getJobSchedulers()).some((s) => s.key === 'overdue-sweep-daily'), 'the schedules to be registered again', 60_000);
    await schedules.close();
    again.disconnect();
    // Sign-in works again without a restart of the API.
    await until(async () => (await login()).status === 200, 'sign-in to work again', 60_000);
    expect(await running.stop()).toBe(0);
  }, TEST_TIMEOUT_MS);
});
