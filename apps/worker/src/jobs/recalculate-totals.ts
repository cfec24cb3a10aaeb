import type { MikroORM } from '@mikro-orm/postgresql';
import { runAs } from '@workmate/db/shared/actor';
import { recalculateDrafts } from '@workmate/db/invoices/drafts';
import { JOBS } from '@workmate/domain/jobs';
import { defineJob } from './define-job.ts';

/** Recomputes draft totals (all drafts, or the given ones) with the tax settings in force now. */
export async function processRecalculateTotals(orm: MikroORM, data: unknown) {
  const { invoiceIds } = JOBS.recalculateTotals.payload.parse(data);
  return runAs({ id: null, label: 'worker' }, () => recalculateDrafts(orm.em.fork(), invoiceIds));
}

export const recalculateTotalsJob = defineJob(JOBS.recalculateTotals, async (payload, { orm }) => processRecalculateTotals(orm, payload));
