import type { MikroORM } from '@mikro-orm/postgresql';
import { pruneReportPdfs } from '@workmate/db/bookkeeping/report-pdf';
import type { FileStorage } from '@workmate/db/documents/storage';
import { runAs } from '@workmate/db/shared/actor';
import { cleanupSessions } from '@workmate/db/auth/cleanup';
import { pruneOutbox } from '@workmate/db/outbox/outbox';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';

/** Hourly housekeeping: expired sessions, outbox rows whose job finished more than a week ago, and report PDFs older than a day. */
export async function processCleanupSessions(orm: MikroORM, env: WorkerEnv, storage?: FileStorage) {
  const removed = await runAs({ id: null, label: 'worker' }, () => cleanupSessions(orm.em.fork(), env.SESSION_IDLE_MINUTES));
  const outbox = await pruneOutbox(orm.em.fork());
  const reportPdfs = storage ? await pruneReportPdfs(orm.em.fork(), storage) : 0;
  return { removed, outbox, reportPdfs };
}

export const cleanupSessionsJob = defineJob(JOBS.cleanupSessions, async (_payload, { orm, env, storage }) => processCleanupSessions(orm, env, storage));
