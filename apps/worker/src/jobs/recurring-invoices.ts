import type { MikroORM } from '@mikro-orm/postgresql';
import { runRecurringInvoices } from '@workmate/db/recurring/run';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';

/**
 * The daily run of the recurring invoices (00:10 Berlin and at worker start): each due period's
 * invoice once, missed periods caught up, automatic emails asked for when SMTP is set up here.
 */
export async function processRecurringInvoices(orm: MikroORM, env: Pick<WorkerEnv, 'SMTP_URL'>, data: unknown) {
  const { today } = JOBS.recurringInvoices.payload.parse(data ?? {});
  const result = await runAs({ id: null, label: 'worker' }, () => runRecurringInvoices(orm.em.fork(), { ...(today ? { today } : {}), smtpConfigured: Boolean(env.SMTP_URL) }));
  return { ...result, failed: result.failed.length };
}

export const recurringInvoicesJob = defineJob(JOBS.recurringInvoices, async (payload, { orm, env }) => processRecurringInvoices(orm, env, payload));
