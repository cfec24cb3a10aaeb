import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueName } from '@workmate/domain/jobs';
import type { JobContext, JobDefinition } from './define-job.ts';

export type Processor = (job: Job) => Promise<unknown>;

/**
 * One processor per queue, built from the registry: it finds the job's definition by name and
 * runs its handler with the payload checked against the contract's schema. A job nobody handles,
 * or a payload that does not fit, cannot succeed on a retry: UnrecoverableError.
 */
export function processorsByQueue(registry: readonly JobDefinition[], ctx: Omit<JobContext, 'job'>): Map<QueueName, Processor> {
  const byQueue = new Map<QueueName, Map<string, JobDefinition>>();
  for (const def of registry) {
    const byName = byQueue.get(def.contract.queue) ?? new Map<string, JobDefinition>();
    if (byName.has(def.contract.name)) throw new Error(`Job ${def.contract.name} is registered twice`);
    byName.set(def.contract.name, def);
    byQueue.set(def.contract.queue, byName);
  }
  return new Map(
    [...byQueue].map(([queue, byName]): [QueueName, Processor] => [
      queue,
      async (job) => {
        const def = byName.get(job.name);
        if (!def) throw new UnrecoverableError(`Unknown job ${job.name}`);
        const parsed = def.contract.payload.safeParse(job.data ?? {});
        if (!parsed.success) throw new UnrecoverableError(`Invalid payload of ${job.name}: ${parsed.error.message}`);
        return def.handle(parsed.data, { ...ctx, job });
      },
    ]),
  );
}
