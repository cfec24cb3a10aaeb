import type { Redis } from 'ioredis';
import { dueAlerts, notifyAlerts, type Alert, type MonitorMemory } from '@workmate/db/platform/alerts';
import type { AppDeps } from './context.ts';

/** The check's memory in Redis, shared by all API processes, kept apart per heartbeat key (a test's worker has its own). */
function redisMemory(redis: Redis, scope: string): MonitorMemory {
  const key = (k: string) => `${k}:${scope}`;
  return {
    get: (k) => redis.get(key(k)),
    // Forgotten after a day without checks: a stale memory must not raise an alert after a long pause.
    set: (k, v) => redis.set(key(k), v, 'EX', 86_400),
    del: (k) => redis.del(key(k)),
  };
}

/**
 * One monitoring check (see packages/db/src/platform/alerts.ts): reads the worker's heartbeat and
 * the queues, and notifies the admins of what is due. `now` is a parameter so a test can move the clock.
 */
export async function checkMonitoring(deps: Pick<AppDeps, 'orm' | 'redis' | 'env' | 'queues'>, now = new Date()): Promise<Alert[]> {
  const beat = await deps.redis.get(deps.env.WORKER_HEARTBEAT_KEY);
  const queues = deps.queues.available()
    ? (await deps.queues.snapshot()).map((q) => ({ name: q.name, waiting: (q.counts.waiting ?? 0) + (q.counts.prioritized ?? 0), oldestWaitingId: q.oldestWaitingId }))
    : [];
  const alerts = await dueAlerts(redisMemory(deps.redis, deps.env.WORKER_HEARTBEAT_KEY), {
    now,
    heartbeatAt: beat ? Number(beat) : null,
    queues,
    heartbeatMaxAgeMs: deps.env.HEARTBEAT_ALERT_SECONDS * 1000,
    stallMs: deps.env.QUEUE_STALL_MINUTES * 60_000,
  });
  await notifyAlerts(deps.orm.em.fork(), deps.redis, alerts);
  return alerts;
}

/** Runs the check every MONITOR_INTERVAL_SECONDS in this API process; returns the stop function. */
export function startMonitor(deps: AppDeps): () => void {
  const seconds = deps.env.MONITOR_INTERVAL_SECONDS;
  if (!seconds) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running || deps.redis.status !== 'ready') return;
    running = true;
    checkMonitoring(deps)
      .catch((error: Error) => console.error('[api] monitoring check:', error.message))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
