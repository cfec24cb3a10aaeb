import { randomUUID } from 'node:crypto';
import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { EVENTS } from '@workmate/domain/events';
import { QUEUES } from '@workmate/domain/jobs';
import type { RecordAction, RecordEntity } from '@workmate/domain/webhooks';
import { OutboxMessage } from '../entities/outbox-message.ts';
import { currentDepth } from './chain.ts';

/** The entities whose changes are `record.changed` events, by class name. */
const TRACKED: Record<string, RecordEntity> = {
  Customer: 'customer',
  Contact: 'contact',
  Project: 'project',
  Invoice: 'invoice',
  Expense: 'expense',
  Reminder: 'reminder',
  Activity: 'activity',
};
/** Fields that change on every save and say nothing by themselves. */
const NOISE = new Set(['updatedAt', 'version', 'createdAt']);

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Writes a `record.changed` event into the outbox for every created, changed or deleted record
 * of the tracked kinds, in the same flush (and so the same transaction) as the change: rules and
 * webhooks see exactly the changes that committed, each once. The event carries ids and field
 * names, never values (except the status before and after, which the status trigger needs).
 */
export class RecordEventsSubscriber implements EventSubscriber {
  onFlush(args: FlushEventArgs): void {
    const depth = currentDepth();
    for (const changeSet of args.uow.getChangeSets()) {
      const entity = TRACKED[changeSet.meta.className];
      if (!entity) continue;
      const payload = (changeSet.payload ?? {}) as Record<string, unknown>;
      const fields = Object.keys(payload).filter((f) => !NOISE.has(f));
      let action: RecordAction = changeSet.type === ChangeSetType.CREATE ? 'create' : changeSet.type === ChangeSetType.DELETE ? 'delete' : 'update';
      if (action === 'update') {
        if (fields.length === 0) continue;
        const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
        if ('deletedAt' in payload && payload.deletedAt && !original.deletedAt) action = 'delete';
      }
      const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
      const status = 'status' in payload ? { before: action === 'create' ? null : asText(original.status), after: asText(payload.status) } : null;
      const event = {
        entity,
        entityId: String(changeSet.getPrimaryKey() ?? (changeSet.entity as { id?: string }).id),
        action,
        fields: action === 'delete' ? [] : fields,
        status,
        depth,
      };
      // An event that does not fit its contract is left out rather than failing the person's change.
      const parsed = EVENTS.recordChanged.payload.safeParse(event);
      if (!parsed.success) {
        console.error(`[record-events] ${entity} ${event.entityId}: ${parsed.error.message}`);
        continue;
      }
      const row = args.em.create(OutboxMessage, { kind: 'event', queue: QUEUES.events, name: EVENTS.recordChanged.name, jobId: randomUUID(), payload: parsed.data });
      args.uow.computeChangeSet(row);
    }
  }
}
