import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMonitoring } from '@workmate/api/monitor';
import { dueAlerts, notifyAlerts, type MonitorMemory } from '@workmate/db/platform/alerts';
import { JOB_FAILURES_KEY, QUEUES } from '@workmate/domain/jobs';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD, userWithRole, unique, codeOf } from '../helpers/users.ts';

/**
 * Monitoring (issue 18): /metrics in the Prometheus text format for holders of monitoring.view
 * (or the METRICS_TOKEN), the read-only queue view for the same people, and the admins' alerts
 * when the worker's heartbeat is stale or a queue stalls, under a moved clock.
 */
const WORKER_HEARTBEAT_KEY = `workmate:worker:heartbeat:monitoring-${process.pid}`;
const METRICS_TOKEN = `metrics-${randomUUID()}`;
let app: TestApp;
let admin: Awaited<ReturnType<typeof userWithRole>>;
let manager: Awaited<ReturnType<typeof userWithRole>>;
beforeAll(async () => {
  app = await startTestApp({ WORKER_HEARTBEAT_KEY, METRICS_TOKEN, MONITOR_INTERVAL_SECONDS: '0' });
  admin = await userWithRole(app, 'Admin');
  manager = await userWithRole(app, 'Manager');
});
afterAll(async () => app?.close());

/** Parses the exposition text: `name{labels} value` lines, comments skipped. */
function parseMetrics(text: string) {
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  const types: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types[type[1] as string] = type[2] as string;
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

async function signInCookie(email: string): Promise<string> {
  const res = await fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'test' }, body: JSON.stringify({ email, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('/metrics', () => {
  it('exposes request latency by procedure, queue depth and job failures to monitoring.view or the metrics token', async () => {
    await app.redis.hincrby(JOB_FAILURES_KEY, 'documents|render-invoice-pdf', 2);
    await admin.client.crm.customers.list.query({});
    await fetch(`${app.url}/trpc/no.such.procedure${randomUUID().slice(0, 4)}`);

    const anonymous = await fetch(`${app.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${manager.token}` } })).status).toBe(403);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-metrics-token-000' } })).status).toBe(401);

    for (const authorization of [`Bearer ${admin.token}`, `Bearer ${METRICS_TOKEN}`]) {
      const res = await fetch(`${app.url}/metrics`, { headers: { authorization } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const { samples, types } = parseMetrics(await res.text());
      expect(types.workmate_http_request_duration_seconds).toBe('histogram');
      expect(types.workmate_queue_jobs).toBe('gauge');
      expect(types.workmate_job_failures_total).toBe('counter');
      const count = samples.find((s) => s.name === 'workmate_http_request_duration_seconds_count' && s.labels.procedure === 'crm.customers.list' && s.labels.method === 'GET' && s.labels.status === '200');
      expect(count?.value).toBeGreaterThanOrEqual(1);
      // Made-up paths share one label value.
      const procedures = new Set(samples.filter((s) => s.name === 'workmate_http_request_duration_seconds_count').map((s) => s.labels.procedure));
      expect(procedures.has('unknown')).toBe(true);
      expect([...procedures].some((p) => p?.startsWith('no.such'))).toBe(false);
      for (const queue of ['maintenance', 'documents', 'invoices', 'notifications', 'events']) {
        expect(samples.find((s) => s.name === 'workmate_queue_jobs' && s.labels.queue === queue && s.labels.state === 'waiting')).toBeDefined();
      }
      const failures = samples.find((s) => s.name === 'workmate_job_failures_total' && s.labels.queue === 'documents' && s.labels.job === 'render-invoice-pdf');
      expect(failures?.value).toBeGreaterThanOrEqual(2);
      expect(samples.find((s) => s.name === 'workmate_worker_heartbeat_age_seconds')).toBeDefined();
    }
  });

  it('the queue view answers admins only, read-only', async () => {
    expect((await fetch(`${app.url}/admin/queues`)).status).toBe(401);
    const managerCookie = await signInCookie(manager.employee.email);
    expect((await fetch(`${app.url}/admin/queues`, { headers: { cookie: managerCookie } })).status).toBe(403);
    expect((await fetch(`${app.url}/admin/queues/api/queues`, { headers: { cookie: managerCookie } })).status).toBe(403);
    // The metrics token opens /metrics, not the queue view.
    expect((await fetch(`${app.url}/admin/queues`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(401);

    const adminCookie = await signInCookie(admin.employee.email);
    const page = await fetch(`${app.url}/admin/queues`, { headers: { cookie: adminCookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${app.url}/admin/queues/api/queues`, { headers: { cookie: adminCookie } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    // Every queue the worker runs is on the board.
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    const retry = await fetch(`${app.url}/admin/queues/api/queues/documents/retry/failed`, { method: 'PUT', headers: { cookie: adminCookie } });
    expect(retry.status).toBe(405);
  });

  it('monitoring.status is for monitoring.view', async () => {
    const status = await admin.client.platform.monitoring.status.query();
    expect(status.queueViewPath).toBe('/admin/queues');
    expect(status.queues.map((q) => q.name)).toContain('documents');
    expect(await codeOf(manager.client.platform.monitoring.status.query())).toBe('FORBIDDEN');
  });
});

function memory(): MonitorMemory & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: async (k) => map.get(k) ?? null, set: async (k, v) => map.set(k, v), del: async (k) => map.delete(k) };
}

async function notificationsOf(employeeId: string, kind: string) {
  return app.orm.em.fork().getConnection().execute<Array<{ title: string; body: string }>>(`select title, body from notifications where employee_id = ? and kind = ? order by created_at`, [employeeId, kind]);
}

describe('alerts', () => {
  it('a stale heartbeat notifies the admins once per episode, not before the limit and not others', async () => {
    const t0 = Date.parse('2026-12-06T10:00:00Z') + Math.floor(Math.random() * 1e9);
    await app.redis.set(WORKER_HEARTBEAT_KEY, String(t0), 'EX', 60);
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    // The queues of the shared test Redis may hold anything: only the worker alert is looked at here.
    const check = async (now: Date) => (await checkMonitoring(app, now)).filter((a) => a.kind === 'monitoring_worker_stale');
    // Fresh: nothing. 119 s old: still nothing (the limit is 120 s).
    expect(await check(at(5))).toEqual([]);
    expect(await check(at(119))).toEqual([]);
    // The key expired (no beat for a minute): the last beat seen is remembered.
    await app.redis.del(WORKER_HEARTBEAT_KEY);
    const alerts = await check(at(180));
    expect(alerts.map((a) => a.kind)).toEqual(['monitoring_worker_stale']);
    const notes = await notificationsOf(admin.employee.id, 'monitoring_worker_stale');
    expect(notes.filter((n) => n.body.includes(new Date(t0).toISOString()))).toHaveLength(1);
    expect(notes.at(-1)?.body).toMatch(/vor 3 Minuten/);
    // The next checks of the same episode add nothing; a manager is never told.
    await check(at(240));
    expect((await notificationsOf(admin.employee.id, 'monitoring_worker_stale')).filter((n) => n.body.includes(new Date(t0).toISOString()))).toHaveLength(1);
    expect(await notificationsOf(manager.employee.id, 'monitoring_worker_stale')).toEqual([]);
    // The worker beats again: no alert; it dies again later: a new episode, a new notification.
    await app.redis.set(WORKER_HEARTBEAT_KEY, String(t0 + 300_000), 'EX', 60);
    expect(await check(at(310))).toEqual([]);
    expect((await check(at(300 + 125))).map((a) => a.kind)).toEqual(['monitoring_worker_stale']);
  });

  it('a queue whose oldest waiting job does not move for N minutes raises one alert', async () => {
    const m = memory();
    const base = { heartbeatAt: Date.parse('2026-12-06T10:00:00Z'), heartbeatMaxAgeMs: 86_400_000, stallMs: 10 * 60_000 };
    const at = (minutes: number) => new Date(Date.parse('2026-12-06T10:00:00Z') + minutes * 60_000);
    const jobId = `stuck-${randomUUID()}`;
    const queue = (oldestWaitingId: string | null, waiting = 3) => [{ name: 'documents', waiting, oldestWaitingId }];
    expect(await dueAlerts(m, { ...base, now: at(0), queues: queue(jobId) })).toEqual([]);
    expect(await dueAlerts(m, { ...base, now: at(9), queues: queue(jobId) })).toEqual([]);
    // The queue moves (another job is now the oldest): the clock starts again.
    const next = `${jobId}-2`;
    expect(await dueAlerts(m, { ...base, now: at(9), queues: queue(next) })).toEqual([]);
    expect(await dueAlerts(m, { ...base, now: at(18), queues: queue(next) })).toEqual([]);
    const stalled = await dueAlerts(m, { ...base, now: at(19), queues: queue(next) });
    expect(stalled).toEqual([expect.objectContaining({ kind: 'monitoring_queue_stalled', title: 'Die Warteschlange „documents“ steht' })]);
    // Written as a notification once, however often the check sees it.
    await notifyAlerts(app.orm.em.fork(), null, stalled);
    await notifyAlerts(app.orm.em.fork(), null, await dueAlerts(m, { ...base, now: at(25), queues: queue(next) }));
    const notes = await notificationsOf(admin.employee.id, 'monitoring_queue_stalled');
    expect(notes.filter((n) => n.title.includes('documents'))).toHaveLength(1);
    // An empty queue is never stalled.
    expect(await dueAlerts(m, { ...base, now: at(60), queues: queue(null, 0) })).toEqual([]);
    expect(m.map.has('workmate:monitor:queue:documents')).toBe(false);
  });
});

describe('API usage log', () => {
  it('counts every call made with an API token by procedure, status and duration; admins read it', async () => {
    const caller = await userWithRole(app, 'Manager');
    await caller.client.crm.customers.list.query({});
    await caller.client.crm.customers.list.query({ search: unique('x') });
    await codeOf(caller.client.crm.customers.create.mutate({ name: '' }));
    await codeOf(caller.client.audit.list.query({}));
    await app.usage.flush();
    const [token] = await app.orm.em.fork().getConnection().execute<Array<{ id: string }>>(`select id from api_tokens where employee_id = ?`, [caller.employee.id]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const usage = await admin.client.platform.apiUsage.list.query({ from: today, to: today, tokenId: token!.id });
    expect(usage.tokens).toEqual([expect.objectContaining({ tokenId: token!.id, calls: 4, errors: 2, ownerName: expect.any(String) })]);
    const byProcedure = Object.fromEntries(usage.procedures.map((p) => [`${p.procedure} ${p.status}`, p.calls]));
    expect(byProcedure).toEqual({ 'crm.customers.list 200': 2, 'crm.customers.create 400': 1, 'audit.list 403': 1 });
    expect(usage.procedures.every((p) => p.avgMs >= 0 && p.maxMs >= p.avgMs)).toBe(true);
    // More calls add to the same counters.
    await caller.client.crm.customers.list.query({});
    await app.usage.flush();
    const again = await admin.client.platform.apiUsage.list.query({ from: today, to: today, tokenId: token!.id });
    expect(again.tokens[0]?.calls).toBe(5);
    // Only holders of apiUsage.view read it; bad input names the field.
    expect(await codeOf(caller.client.platform.apiUsage.list.query({ from: today, to: today }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.client.platform.apiUsage.list.query({ from: today, to: '2000-01-01' }))).toBe('BAD_REQUEST');
  });
});
