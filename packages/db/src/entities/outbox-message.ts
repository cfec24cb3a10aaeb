import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A job to enqueue, written in the same transaction as the change that calls for it. The
 * worker's relay moves undispatched rows to BullMQ after commit: a rollback leaves no job, and a
 * crash between commit and enqueue loses none (the row is still there). The job id is
 * deterministic, so a row relayed twice is still one job.
 */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    queue: p.string().length(60),
    name: p.string().length(60),
    jobId: p.string().length(200),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    dispatchedAt: p.datetime().columnType('timestamptz').nullable(),
  },
  indexes: [{ name: 'outbox_pending', expression: 'create index "outbox_pending" on "outbox" ("id") where "dispatched_at" is null' }],
});
export type OutboxMessage = InferEntity<typeof OutboxMessage>;
