import { UnrecoverableError } from 'bullmq';
import { attemptDelivery, queueRecordEventDeliveries } from '@workmate/db/webhooks/deliver';
import { EVENTS, subscriberJob } from '@workmate/domain/events';
import { JOBS } from '@workmate/domain/jobs';
import { defineJob } from './define-job.ts';

/** Subscriber of record.changed: one delivery per active subscription that wants the event's type. */
export const recordChangedWebhooksJob = defineJob(subscriberJob(EVENTS.recordChanged, 'webhooks'), async ({ eventId, event }, { orm }) => ({
  queued: await queueRecordEventDeliveries(orm.em.fork(), eventId, event),
}));

/**
 * One attempt of one delivery. A failed attempt throws, so BullMQ retries it on the webhook
 * backoff schedule (the worker's backoffStrategy 'webhook'); the last one ends it as failed.
 */
export const deliverWebhookJob = defineJob(JOBS.deliverWebhook, async ({ deliveryId, round }, { orm, env, job }) => {
  const attempts = job.opts.attempts ?? 1;
  const outcome = await attemptDelivery(orm.em.fork(), deliveryId, round, {
    allowList: env.WEBHOOK_ALLOWED_HOSTS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    disableAfterDays: env.WEBHOOK_DISABLE_AFTER_DAYS,
    attempt: job.attemptsMade + 1,
    attempts,
  });
  if ('retry' in outcome) throw new Error(`webhook delivery failed: ${outcome.retry}`);
  if (outcome.done === 'failed') throw new UnrecoverableError(`webhook delivery failed for good (HTTP ${outcome.status ?? 'none'})`);
  return outcome;
});
