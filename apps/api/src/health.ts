import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasPermission } from '@workmate/domain/permissions';
import { createContext, type AppDeps } from './context.ts';

const HEARTBEAT_MAX_AGE_MS = 30_000;

async function timed<T>(fn: () => Promise<T>, timeoutMs = 2000): Promise<T> {
  return Promise.race([fn(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs))]);
}

/** Database, Redis and the worker's last heartbeat. `ok` only when all three are fine. */
export async function healthReport(deps: AppDeps) {
  const database = await timed(async () => {
    await deps.orm.em.getConnection().execute('select 1');
    return { ok: true } as const;
  }).catch((e: Error) => ({ ok: false, error: e.message }) as const);
  let worker: { ok: boolean; lastHeartbeat: string | null; error?: string } = { ok: false, lastHeartbeat: null };
  const redis = await timed(async () => {
    await deps.redis.ping();
    const beat = await deps.redis.get(deps.env.WORKER_HEARTBEAT_KEY);
    const at = beat ? Number(beat) : null;
    worker = at
      ? { ok: Date.now() - at < HEARTBEAT_MAX_AGE_MS, lastHeartbeat: new Date(at).toISOString() }
      : { ok: false, lastHeartbeat: null, error: 'no heartbeat yet' };
    return { ok: true } as const;
  }).catch((e: Error) => ({ ok: false, error: e.message }) as const);
  const ok = database.ok && redis.ok && worker.ok;
  return { status: ok ? 'ok' : 'degraded', database, redis, worker, time: new Date().toISOString() };
}

type Report = Awaited<ReturnType<typeof healthReport>>;
const word = (component: { ok: boolean }) => ({ ok: component.ok, status: component.ok ? 'ok' : 'down' });

/**
 * The report as anyone may see it: a status word per component, nothing else. Error messages
 * name hosts, ports, users and versions, which helps an attacker more than a load balancer.
 */
function statusWords(report: Report) {
  return { status: report.status, database: word(report.database), redis: word(report.redis), worker: word(report.worker), time: report.time };
}

/**
 * Whether the caller may see the details (error messages, the worker's last heartbeat): signed
 * in (session or token) with `core.admin`, the permission of those who run the installation.
 * With the database down nobody can be identified, so then everyone gets the status words.
 */
async function maySeeDetails(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!req.headers.authorization && !req.headers.cookie) return false;
  try {
    const { user } = await createContext(deps, req, res);
    return user !== null && hasPermission(user.permissions, 'core.admin');
  } catch {
    return false;
  }
}

/** `GET /health`: 200 when everything is fine, 503 otherwise. */
export async function answerHealth(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [report, details] = await Promise.all([healthReport(deps).catch(() => null), maySeeDetails(deps, req, res)]);
  const body = report ? (details ? report : statusWords(report)) : { status: 'down', time: new Date().toISOString() };
  res.writeHead(report?.status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
