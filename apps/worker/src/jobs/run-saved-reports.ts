import { runAs } from '@workmate/db/shared/actor';
import { runDueReports } from '@workmate/db/saved-reports/run';
import { JOBS } from '@workmate/domain/jobs';
import { defineJob } from './define-job.ts';

/** Every quarter hour: the saved reports whose scheduled moment has come. */
export const runSavedReportsJob = defineJob(JOBS.runSavedReports, async (payload, { orm, storage }) =>
  runAs({ id: null, label: 'worker' }, () => runDueReports(orm.em.fork(), storage, payload.now ? new Date(payload.now) : new Date())),
);
