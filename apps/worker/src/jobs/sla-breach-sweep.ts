import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { announceNotifications } from '@workmate/db/notifications/announce';
import { sweepSlaBreaches } from '@workmate/db/service/sla';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import { defineJob } from './define-job.ts';

/** Every 5 minutes (and at worker start): tickets past an SLA due time get their breach recorded and notified once. */
export async function processSlaBreachSweep(orm: MikroORM, redis: Redis, data: unknown) {
  const { now } = JOBS.slaBreachSweep.payload.parse(data ?? {});
  const result = await runAs({ id: null, label: 'worker' }, () => sweepSlaBreaches(orm.em.fork(), now ? new Date(now) : new Date()));
  await announceNotifications(redis, result.notified);
  return { ...result, notified: result.notified.length };
}

export const slaBreachSweepJob = defineJob(JOBS.slaBreachSweep, async (payload, { orm, redis }) => processSlaBreachSweep(orm, redis, payload));
