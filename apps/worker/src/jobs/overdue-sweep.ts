import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { runAs } from '@workmate/db/shared/actor';
import { sweepOverdue } from '@workmate/db/invoices/overdue';
import { JOBS } from '@workmate/domain/jobs';
import { announceNotifications } from '@workmate/db/notifications/announce';
import { defineJob } from './define-job.ts';

/** The daily sweep (00:05 Berlin and at worker start): overdue invoices, expired quotes, reminders. */
export async function processOverdueSweep(orm: MikroORM, redis: Redis, data: unknown) {
  const { today } = JOBS.overdueSweep.payload.parse(data ?? {});
  const result = await runAs({ id: null, label: 'worker' }, () => sweepOverdue(orm.em.fork(), today));
  await announceNotifications(redis, result.notified);
  return { ...result, notified: result.notified.length };
}

export const overdueSweepJob = defineJob(JOBS.overdueSweep, async (payload, { orm, redis }) => processOverdueSweep(orm, redis, payload));
