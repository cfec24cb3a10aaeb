// The background worker: `node --import tsx apps/worker/src/main.ts`. It connects to Redis,
// relays the outbox into its queues, registers the schedules, renders PDFs in one warm Chromium,
// writes a heartbeat that /health reads, and stops gracefully on SIGTERM (running jobs finish first).
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { fileStorageFrom } from '@workmate/db/documents/storage';
import { openOrm } from '@workmate/db/orm';
import { completeOutboxJob } from '@workmate/db/outbox/outbox';
import { JOB_FAILURES_KEY, JOBS, SCHEDULES, type QueueName } from '@workmate/domain/jobs';
import { webhookRetryDelay } from '@workmate/domain/webhooks';
import { readEnv } from './env.ts';
import { processorsByQueue, type Processor } from './jobs/dispatch.ts';
import { JOB_REGISTRY } from './jobs/registry.ts';
import { PdfRenderer } from './pdf/renderer.ts';
import { JOB_OPTIONS, startRelay } from './relay.ts';

const env = readEnv();

// Signals are handled from the first moment: a SIGTERM during start-up still stops cleanly.
let stopping = false;
let stop: () => Promise<void> = async () => undefined;
let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (markReady = resolve));
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing running jobs`);
  // Never hang on the way out: a job cut short is taken over by the next worker (jobs are idempotent).
  setTimeout(() => {
    console.error('[worker] shutdown took too long; exiting');
    process.exit(1);
  }, 25_000).unref();
  // Started jobs finish, so start-up completes first; then everything closes in order.
  await ready;
  await stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
const orm = await openOrm(env.DATABASE_URL, { poolMax: 6 });
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
connection.on('error', (error) => console.error('[worker] redis:', error.message));
const storage = fileStorageFrom(env.FILES_DIR);
const renderer = new PdfRenderer({ poolSize: env.PDF_PAGES });

// The queues, their processors and the schedules all come from the job registry.
const processors = processorsByQueue(JOB_REGISTRY, { orm, redis: connection, env, storage, renderer });
const queueNames = [...processors.keys()];
const queues = new Map<string, Queue>(queueNames.map((name) => [name, new Queue(name, { connection, prefix: env.QUEUE_PREFIX })]));
const queue = (name: QueueName) => queues.get(name) as Queue;

async function registerSchedules() {
  for (const schedule of SCHEDULES) {
    // The IMAP poll runs only with a server configured, as often as IMAP_POLL_SECONDS says.
    if (schedule.id === JOBS.pollImapMailbox.schedule?.id) {
      if (!env.IMAP_HOST) {
        await queue(schedule.job.queue).removeJobScheduler(schedule.id);
        continue;
      }
      await queue(schedule.job.queue).upsertJobScheduler(schedule.id, { every: env.IMAP_POLL_SECONDS * 1000 }, { name: schedule.job.name, data: {}, opts: JOB_OPTIONS });
      continue;
    }
    await queue(schedule.job.queue).upsertJobScheduler(schedule.id, schedule.repeat, { name: schedule.job.name, data: {}, opts: JOB_OPTIONS });
  }
}
await registerSchedules();
// A Redis that comes back empty (restarted without persistence) has forgotten the schedules:
// they are registered again at every reconnect (upserting an existing one changes nothing).
connection.on('ready', () => {
  if (!stopping) registerSchedules().catch((error: Error) => console.error('[worker] schedules:', error.message));
});
// The daily sweeps also run at every start, so a worker that was down at 00:05 catches up.
for (const schedule of SCHEDULES) {
  if (schedule.atStart) await queue(schedule.job.queue).add(schedule.job.name, {}, { ...JOB_OPTIONS, jobId: `${schedule.atStart}-${Date.now()}` });
}

const concurrency: Record<QueueName, number> = { maintenance: 1, documents: env.PDF_PAGES, invoices: 1, notifications: 2, events: 2, webhooks: env.WEBHOOK_CONCURRENCY, automation: 1 };

/**
 * A job's outbox row is done once its processor has finished: marked before BullMQ records the
 * job as completed, so a crash in between runs it once more (idempotent) rather than never.
 */
const completingOutbox =
  (processor: Processor): Processor =>
  async (job) => {
    const result = await processor(job);
    if (job.id) await completeOutboxJob(orm.em.fork(), job.id);
    return result;
  };
/** A job that failed for good is done as well: relaying it again would not help (the PDF endpoint retries on demand). */
const failedForGood = (job: Job, error: Error) => error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);

// A job whose worker died is taken over once its lock runs out (JOB_LOCK_MS), and run again:
// every processor is idempotent.
const workers = [...processors].map(([name, processor]) => {
  const w = new Worker(name, completingOutbox(processor), {
    connection,
    prefix: env.QUEUE_PREFIX,
    concurrency: concurrency[name],
    lockDuration: env.JOB_LOCK_MS,
    stalledInterval: Math.max(1000, Math.floor(env.JOB_LOCK_MS / 2)),
    // Webhook deliveries wait 5 s, 5 min, 30 min … between attempts (WEBHOOK_RETRY_DELAYS_MS).
    settings: { backoffStrategy: (attemptsMade: number) => webhookRetryDelay(attemptsMade, env.WEBHOOK_RETRY_DELAYS_MS) },
  });
  w.on('failed', (job, error) => {
    console.error(`[worker] ${job?.name ?? '?'} ${job?.id ?? ''} failed:`, error.message);
    // Counted for /metrics (the API reads the hash): every failed attempt, by queue and job name.
    connection.hincrby(JOB_FAILURES_KEY, `${name}|${job?.name ?? 'unknown'}`, 1).catch(() => undefined);
    if (job?.id && failedForGood(job, error)) completeOutboxJob(orm.em.fork(), job.id).catch((e: Error) => console.error('[worker] outbox:', e.message));
  });
  w.on('error', (error) => console.error(`[worker] ${name}:`, error.message));
  return w;
});

const relay = startRelay(orm, queues, { pollMs: env.OUTBOX_POLL_MS, redeliverMs: env.OUTBOX_REDELIVER_MS, redisReady: () => connection.status === 'ready' });
await renderer.warmUp().catch((error: Error) => console.error('[worker] Chromium did not start yet:', error.message));

async function beat() {
  await connection.set(env.WORKER_HEARTBEAT_KEY, String(Date.now()), 'EX', 60).catch(() => undefined);
}
await beat();
const heartbeat = setInterval(() => void beat(), env.HEARTBEAT_SECONDS * 1000);
console.log(`[worker] running: queues ${queueNames.join(', ')}`);

stop = async () => {
  clearInterval(heartbeat);
  await relay.stop();
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([...queues.values()].map((q) => q.close()));
  await Promise.race([renderer.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  await connection.del(env.WORKER_HEARTBEAT_KEY).catch(() => undefined);
  connection.disconnect();
  await orm.close();
};
markReady();
