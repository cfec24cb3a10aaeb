import type { MikroORM } from '@mikro-orm/postgresql';
import { runAs } from '@workmate/db/shared/actor';
import { cleanupSessions } from '@workmate/db/auth/cleanup';
import { pruneOutbox } from '@workmate/db/outbox/outbox';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';

/** Hourly housekeeping: expired sessions, and outbox rows whose job finished more than a week ago. */
export async function processCleanupSessions(orm: MikroORM, env: WorkerEnv) {
  const removed = await runAs({ id: null, label: 'worker' }, () => cleanupSessions(orm.em.fork(), env.SESSION_IDLE_MINUTES));
  const outbox = await pruneOutbox(orm.em.fork());
  return { removed, outbox };
}

export const cleanupSessionsJob = defineJob(JOBS.cleanupSessions, async (_payload, { orm, env }) => processCleanupSessions(orm, env));
