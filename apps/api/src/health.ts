import type { AppDeps } from './context.ts';

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
