import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type QueueName } from '@workmate/domain/jobs';

/**
 * Read access to the worker's queues, to tell a caller how a job is doing (the API never adds
 * jobs directly: it writes them to the outbox, and the worker's relay enqueues them).
 */
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connection: Redis;
  private readonly prefix: string;

  constructor(connection: Redis, prefix = 'bull') {
    this.connection = connection;
    this.prefix = prefix;
  }

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  /** False while Redis is away: a lookup would wait for it to come back (the queue connection retries forever). */
  available(): boolean {
    return this.connection.status === 'ready';
  }

  /** The job's state ('waiting', 'active', 'completed', 'failed', …), or null when there is no such job. */
  async state(name: QueueName, jobId: string): Promise<{ state: string; failedReason: string | null; retry: () => Promise<void> } | null> {
    const job = await this.queue(name).getJob(jobId);
    if (!job) return null;
    const state = await job.getState();
    return { state, failedReason: job.failedReason ?? null, retry: () => job.retry() };
  }

  /** Every queue of the worker (for the queue view and the metrics). */
  all(): Queue[] {
    return Object.values(QUEUES).map((name) => this.queue(name));
  }

  /** Jobs per state, and the oldest waiting job's id (the stall check watches it), of every queue. */
  async snapshot(): Promise<Array<{ name: QueueName; counts: Record<string, number>; oldestWaitingId: string | null }>> {
    return Promise.all(
      Object.values(QUEUES).map(async (name) => {
        const q = this.queue(name);
        const [counts, oldest] = await Promise.all([q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'completed'), q.getJobs(['waiting'], 0, 0, true)]);
        return { name, counts, oldestWaitingId: oldest[0]?.id ?? null };
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

export const DOCUMENT_QUEUE: QueueName = QUEUES.documents;
