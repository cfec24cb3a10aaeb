// The background worker: `node --import tsx apps/worker/src/main.ts`. It connects to Redis,
// registers its queues and schedules, writes a heartbeat that /health reads, and stops
// gracefully on SIGTERM (running jobs finish first).
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { openOrm } from '@workmate/db/orm';
import { QUEUES, SCHEDULES, WORKER_HEARTBEAT_KEY, JOBS } from '@workmate/domain/jobs';
import { readEnv } from './env.ts';
import { processCleanupSessions } from './processors/cleanup-sessions.ts';

const env = readEnv();
const orm = await openOrm(env.DATABASE_URL, { poolMax: 5 });
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
connection.on('error', (error) => console.error('[worker] redis:', error.message));

const maintenanceQueue = new Queue(QUEUES.maintenance, { connection });
for (const schedule of SCHEDULES) {
  await maintenanceQueue.upsertJobScheduler(schedule.id, { every: schedule.every }, { name: schedule.job.name, data: {} });
}

const maintenance = new Worker(
  QUEUES.maintenance,
  async (job) => {
    switch (job.name) {
      case JOBS.cleanupSessions.name:
        return processCleanupSessions(orm, env);
      default:
        throw new UnrecoverableError(`Unknown job ${job.name}`);
    }
  },
  { connection, concurrency: 2 },
);
maintenance.on('failed', (job, error) => console.error(`[worker] ${job?.name ?? '?'} failed:`, error.message));

async function beat() {
  await connection.set(WORKER_HEARTBEAT_KEY, String(Date.now()), 'EX', 60).catch(() => undefined);
}
await beat();
const heartbeat = setInterval(() => void beat(), env.HEARTBEAT_SECONDS * 1000);
console.log(`[worker] running: queues ${Object.values(QUEUES).join(', ')}`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing running jobs`);
  clearInterval(heartbeat);
  await maintenance.close();
  await maintenanceQueue.close();
  await connection.del(WORKER_HEARTBEAT_KEY).catch(() => undefined);
  connection.disconnect();
  await orm.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
