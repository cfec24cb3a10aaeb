import type { MikroORM } from '@mikro-orm/postgresql';
import { runAs } from '@workmate/db/audit/actor';
import { sweepOverdue } from '@workmate/db/invoices/overdue';
import { JOBS } from '@workmate/domain/jobs';

/** The daily sweep (00:05 Berlin and at worker start): overdue invoices, expired quotes, reminders. */
export async function processOverdueSweep(orm: MikroORM, data: unknown) {
  const { today } = JOBS.overdueSweep.payload.parse(data ?? {});
  return runAs({ id: null, label: 'worker' }, () => sweepOverdue(orm.em.fork(), today));
}
