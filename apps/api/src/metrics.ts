import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JOB_FAILURES_KEY } from '@workmate/domain/jobs';
import { hasPermission } from '@workmate/domain/permissions';
import { createContext, type AppDeps } from './context.ts';

/**
 * `GET /metrics` in the Prometheus text format (prom-client):
 * - `workmate_http_request_duration_seconds{procedure,method,status}`: every request's latency.
 *   `procedure` is a tRPC procedure's path only when the router has it (`batch` for several
 *   calls in one request, `unknown` otherwise), or one of a few fixed names for the other
 *   addresses, so a client cannot create new label values by inventing paths.
 * - `workmate_queue_jobs{queue,state}`: jobs per BullMQ queue and state, read at each scrape.
 * - `workmate_job_failures_total{queue,job}`: failed job attempts. The worker counts them in a
 *   Redis hash (JOB_FAILURES_KEY), so one scrape of any API process sees all workers' failures,
 *   and the count survives a worker restart.
 * - `workmate_worker_heartbeat_age_seconds`: how old the worker's last heartbeat is (-1: none).
 * - Node's process metrics (`workmate_api_…`).
 */
export interface Metrics {
  registry: Registry;
  observe(labels: { procedure: string; method: string; status: number }, seconds: number): void;
}

export function createMetrics(deps: AppDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'workmate_api_' });
  const latency = new Histogram({
    name: 'workmate_http_request_duration_seconds',
    help: 'HTTP request latency by tRPC procedure (or fixed route name), method and status',
    labelNames: ['procedure', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'workmate_queue_jobs',
    help: 'Jobs per BullMQ queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!deps.queues?.available()) return;
      for (const queue of await deps.queues.snapshot()) {
        for (const [state, count] of Object.entries(queue.counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  new Counter({
    name: 'workmate_job_failures_total',
    help: 'Failed job attempts by queue and job name (counted by the worker in Redis)',
    labelNames: ['queue', 'job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (deps.redis.status !== 'ready') return;
      const counts = await deps.redis.hgetall(JOB_FAILURES_KEY);
      for (const [field, value] of Object.entries(counts)) {
        const [queue = 'unknown', job = 'unknown'] = field.split('|');
        this.inc({ queue, job }, Number(value) || 0);
      }
    },
  });
  new Gauge({
    name: 'workmate_worker_heartbeat_age_seconds',
    help: 'Seconds since the worker last wrote its heartbeat (-1: no heartbeat)',
    registers: [registry],
    async collect() {
      const beat = deps.redis.status === 'ready' ? await deps.redis.get(deps.env.WORKER_HEARTBEAT_KEY) : null;
      this.set(beat ? Math.max(0, (Date.now() - Number(beat)) / 1000) : -1);
    },
  });
  return {
    registry,
    observe: (labels, seconds) => latency.observe({ procedure: labels.procedure, method: labels.method, status: String(labels.status) }, seconds),
  };
}

/** The label of a request: a known procedure, `batch`, `unknown`, or a fixed route name. */
export function requestLabel(url: string, procedures: ReadonlySet<string>): string {
  const path = url.split('?')[0] ?? '';
  if (path.startsWith('/trpc/')) {
    let names: string[];
    try {
      names = decodeURIComponent(path.slice('/trpc/'.length)).split(',');
    } catch {
      return 'unknown';
    }
    if (names.length > 1) return names.every((n) => procedures.has(n)) ? 'batch' : 'unknown';
    return procedures.has(names[0] ?? '') ? (names[0] as string) : 'unknown';
  }
  for (const route of ['health', 'metrics', 'admin/queues', 'api/documents', 'api/invoices', 'api/einvoices', 'api/bank-statements', 'auth/oidc']) {
    if (path === `/${route}` || path.startsWith(`/${route}/`)) return `/${route}`;
  }
  return path.startsWith('/assets/') ? '/assets' : 'web';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: a scraper with `Authorization: Bearer <METRICS_TOKEN>` (when the variable
 * is set), or anyone signed in (session or API token) holding `monitoring.view`. 401 without
 * credentials, 403 without the permission.
 */
export async function metricsAccess(deps: AppDeps, req: IncomingMessage, res: ServerResponse, options: { scrapeToken: boolean }): Promise<200 | 401 | 403> {
  const auth = req.headers.authorization;
  const token = deps.env.METRICS_TOKEN;
  if (options.scrapeToken && token && auth?.startsWith('Bearer ') && sameSecret(auth.slice(7).trim(), token)) return 200;
  if (!auth && !req.headers.cookie) return 401;
  const { user } = await createContext(deps, req, res);
  if (!user) return 401;
  return hasPermission(user.permissions, 'monitoring.view') ? 200 : 403;
}

export async function serveMetrics(deps: AppDeps, metrics: Metrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const access = await metricsAccess(deps, req, res, { scrapeToken: true });
  if (access !== 200) {
    res.writeHead(access, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...(access === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}) });
    res.end(JSON.stringify({ error: { message: access === 401 ? 'Please sign in, or send the metrics token' : 'You lack the permission "monitoring.view"', data: { httpStatus: access } } }));
    return;
  }
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}
