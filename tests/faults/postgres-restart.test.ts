import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { draftInvoice, finalizedInvoice, invoiceCustomer } from '../helpers/invoices.ts';
import { PASSWORD, userWithRole } from '../helpers/users.ts';
import { startWorker, until, type RunningWorker } from '../helpers/worker.ts';
import { apiOn, ownPostgres, ownRedis, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './own-servers.ts';

/**
 * Postgres restarted (fast shutdown, so open connections are cut): while it is down the API
 * answers 503 with a clear message — queries, mutations, the session and token lookup that runs
 * before every procedure, the PDF download and /health — and once it is back the same API and
 * worker processes answer and work normally, without a restart of their own.
 */
let pg: Awaited<ReturnType<typeof ownPostgres>>;
let redis: Awaited<ReturnType<typeof ownRedis>>;
let api: Awaited<ReturnType<typeof apiOn>>;
let worker: RunningWorker | undefined;
beforeAll(async () => {
  pg = await ownPostgres('pg');
  redis = await ownRedis('pg-redis');
  api = await apiOn({ databaseUrl: pg.databaseUrl, redisUrl: redis.redisUrl });
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await worker?.stop();
  await api?.close();
  pg?.remove();
  redis?.remove();
}, SETUP_TIMEOUT_MS);

interface Answer {
  status: number;
  body: string;
}

describe('Postgres restarted', () => {
  it('the API answers 503 with a clear message while it is down, and recovers on its own', async () => {
    const { accountant, accountantToken, sql } = api;
    onTestFailed(() => console.log(`${api.output()}\n--- worker ---\n${worker?.output() ?? ''}`));
    worker = startWorker({ DATABASE_URL: pg.databaseUrl, REDIS_URL: redis.redisUrl, OUTBOX_REDELIVER_MS: '2000' });
    const running = worker;
    await until(async () => /running/.test(running.output()), 'the worker to start', 120_000);
    const customer = await invoiceCustomer(api.admin);
    const before = await finalizedInvoice(accountant, customer.id);
    await until(async () => (await accountant.invoices.pdf.query({ id: before.id })).status === 'ready', 'the first PDF', 120_000);
    const draft = await draftInvoice(accountant, customer.id);
    const later = await draftInvoice(accountant, customer.id);
    const { employee } = await userWithRole(api, 'Employee');
    // A token never used yet: the API cannot know it from memory, so it must ask the database.
    const unused = await userWithRole(api, 'Accountant');
    const login = await fetch(`${api.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'test' }, body: JSON.stringify({ email: employee.email, password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).toContain('=');
    await until(async () => (await fetch(`${api.url}/health`)).status === 200, 'a healthy start', 120_000);

    const bearer = { authorization: `Bearer ${accountantToken}` };
    const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
      const res = await fetch(`${api.url}${path}`, init);
      return { status: res.status, body: await res.text() };
    };
    const query = (path: string, headers: Record<string, string> = bearer) => call(`/trpc/${path}`, { headers });
    const mutation = (path: string, input: unknown) => call(`/trpc/${path}`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify(input) });

    pg.stop();
    const down: Record<string, Answer> = {
      'a query (token lookup first)': await query(`invoices.list?input=${encodeURIComponent('{}')}`, { authorization: `Bearer ${unused.token}` }),
      'a query of a known caller': await query(`invoices.list?input=${encodeURIComponent('{}')}`),
      'a query by session cookie': await query('auth.me', { cookie }),
      'a mutation': await mutation('invoices.finalize', { id: draft.id }),
      'the PDF download': await call(`/api/invoices/${before.id}/pdf`, { headers: bearer }),
    };
    for (const [what, answer] of Object.entries(down)) {
      expect(answer.status, what).toBe(503);
      expect(answer.body, what).toMatch(/not reachable right now/);
    }
    const health = await call('/health');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'degraded', database: { ok: false } });

    // Back on the same port and data: the same API process answers again, without a restart.
    await pg.start();
    await until(async () => (await query(`invoices.list?input=${encodeURIComponent('{}')}`)).status === 200, 'the API to answer again', 60_000);
    expect(api.apis[0]?.child.exitCode).toBeNull();
    expect((await query('auth.me', { cookie })).status).toBe(200);
    const finalized = await accountant.invoices.finalize.mutate({ id: draft.id });
    expect(finalized.status).toBe('finalized');
    const next = await accountant.invoices.finalize.mutate({ id: later.id });
    expect(Number((next.number as string).split('-')[2])).toBe(Number((finalized.number as string).split('-')[2]) + 1);
    await until(async () => (await call('/health')).status === 200, '/health to be ok again', 60_000);
    // The worker went through it too: it renders the new invoices' PDFs.
    await until(
      async () => Number((await sql<Array<{ n: string }>>(`select count(*) as n from invoices where id in (?) and pdf_document_id is not null`, [[draft.id, later.id]]))[0]?.n) === 2,
      'the PDFs of the invoices finalized after the restart',
      120_000,
    );
    expect(running.child.exitCode).toBeNull();
    expect(await running.stop()).toBe(0);
  }, TEST_TIMEOUT_MS);
});
