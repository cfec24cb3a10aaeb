import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A job to enqueue, written in the same transaction as the change that calls for it. The
 * worker's relay moves undispatched rows to BullMQ after commit: a rollback leaves no job, and a
 * crash between commit and enqueue loses none (the row is still there). A row is done only when
 * the worker has finished its job (`completedAt`): one dispatched long ago and still open is
 * relayed again, so a Redis that lost its jobs (restarted without persistence) loses no work.
 * The job id is deterministic, so a row relayed twice is still one job.
 *
 * A row of kind 'event' carries a business event instead (name = the event's name, job id = the
 * event's id): the relay fans it out into one 'job' row per after-commit subscriber and marks it
 * done in the same transaction, so an event is fanned out once.
 */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    kind: p.string().length(10).default('job'),
    queue: p.string().length(60),
    name: p.string().length(60),
    jobId: p.string().length(200),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    dispatchedAt: p.datetime().columnType('timestamptz').nullable(),
    completedAt: p.datetime().columnType('timestamptz').nullable(),
  },
  indexes: [
    { name: 'outbox_open', expression: 'create index "outbox_open" on "outbox" ("id") where "completed_at" is null' },
    { name: 'outbox_open_job', expression: 'create index "outbox_open_job" on "outbox" ("job_id") where "completed_at" is null' },
  ],
});
export type OutboxMessage = InferEntity<typeof OutboxMessage>;
