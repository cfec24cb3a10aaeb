import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { runAs } from '@workmate/db/shared/actor';
import { sweepReminders } from '@workmate/db/reminders/sweep';
import { announceNotifications } from '@workmate/db/notifications/announce';
import { JOBS } from '@workmate/domain/jobs';
import { defineJob } from './define-job.ts';

/** Daily (00:05 Berlin, and at worker start): due reminders become overdue, their owners are told. */
export async function processReminderSweep(orm: MikroORM, redis: Redis, data: unknown) {
  const { today } = JOBS.reminderSweep.payload.parse(data ?? {});
  const result = await runAs({ id: null, label: 'worker' }, () => sweepReminders(orm.em.fork(), today));
  await announceNotifications(redis, result.notified);
  return { ...result, notified: result.notified.length };
}

export const reminderSweepJob = defineJob(JOBS.reminderSweep, async (payload, { orm, redis }) => processReminderSweep(orm, redis, payload));
