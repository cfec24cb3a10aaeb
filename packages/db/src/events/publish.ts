import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventContract, EventPayload } from '@workmate/domain/events';
import { QUEUES } from '@workmate/domain/jobs';
import { OutboxMessage } from '../entities/outbox-message.ts';
import { runInTransactionSubscribers } from './in-transaction.ts';

/**
 * Publishes a business event, inside the caller's transaction: the event is written to the
 * outbox once (the worker's relay fans it out to the after-commit subscribers after commit),
 * and the in-transaction subscribers run now, in the same transaction. A rollback takes all of
 * it back. Returns the event's id.
 */
export async function publishEvent<E extends EventContract>(em: EntityManager, event: E, payload: EventPayload<E>): Promise<string> {
  const data = event.payload.parse(payload) as Record<string, unknown>;
  const eventId = randomUUID();
  em.create(OutboxMessage, { kind: 'event', queue: QUEUES.events, name: event.name, jobId: eventId, payload: data });
  await runInTransactionSubscribers(em, event, data);
  return eventId;
}
