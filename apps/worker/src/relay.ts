import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { fanOutEvents, relayOutbox, type OutboxRow } from '@workmate/db/outbox/outbox';
import { JOBS, type JobContract } from '@workmate/domain/jobs';

/** Retries with exponential backoff: 1 s, 2 s, 4 s, … */
export const JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/** Hands one outbox job row to its queue under its deterministic job id: a job id the queue still holds is not added again. */
export async function addToQueue(queues: Map<string, Queue>, row: OutboxRow): Promise<void> {
  const queue = queues.get(row.queue);
  if (!queue) throw new Error(`No queue named ${row.queue}`);
  await queue.add(row.name, row.payload, { ...optionsOf(row.name), jobId: row.job_id });
}

/** Jobs with retries of their own (webhook deliveries): their attempts and backoff strategy, by job name. */
const RETRIES = new Map(Object.values(JOBS).flatMap((job: JobContract) => (job.retry ? [[job.name, job.retry] as const] : [])));
export function optionsOf(name: string) {
  const retry = RETRIES.get(name);
  return retry ? { ...JOB_OPTIONS, attempts: retry.attempts, backoff: { type: retry.backoff } } : JOB_OPTIONS;
}

/**
 * Moves committed outbox rows into BullMQ, every `pollMs` and until the outbox is empty. Events
 * are first fanned out into one job row per after-commit subscriber (fanOutEvents). Each
 * row carries its deterministic job id, so a row relayed twice (a crash between adding and
 * marking, or a row relayed again after `redeliverMs` because its job has not finished) is
 * still one job. While Redis is away (`redisReady` false) the relay waits instead of holding
 * locked rows in an open transaction.
 */
export function startRelay(orm: MikroORM, queues: Map<string, Queue>, options: { pollMs: number; redeliverMs: number; redisReady: () => boolean }): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (;;) {
      if (!options.redisReady()) return;
      const events = await fanOutEvents(orm.em.fork());
      const moved = await relayOutbox(
        orm.em.fork(),
        (row) => addToQueue(queues, row),
        { redeliverMs: options.redeliverMs },
      );
      if ((events === 0 && moved === 0) || stopped) return;
    }
  };
  const loop = async () => {
    while (!stopped) {
      running = tick().catch((error: Error) => console.error('[worker] outbox relay:', error.message));
      await running;
      await new Promise((r) => setTimeout(r, options.pollMs));
    }
  };
  void loop();
  return {
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
