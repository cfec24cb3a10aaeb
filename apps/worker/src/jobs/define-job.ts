import type { MikroORM } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { FileStorage } from '@workmate/db/documents/storage';
import type { JobContract } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import type { PdfRenderer } from '../pdf/renderer.ts';

/** What a job's handler may use: the worker's shared connections and services. */
export interface JobContext {
  orm: MikroORM;
  redis: Redis;
  env: WorkerEnv;
  storage: FileStorage;
  renderer: PdfRenderer;
  job: Job;
}

/** A job the worker runs: its contract (from packages/domain) and its handler, which gets the validated payload. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  readonly contract: JobContract<S>;
  handle(payload: z.infer<S>, ctx: JobContext): Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(contract: JobContract<S>, handle: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>): JobDefinition<S> {
  return { contract, handle };
}
