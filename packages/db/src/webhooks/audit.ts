import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditAction } from '@workmate/domain/enums';
import { AuditLog, type AuditChanges } from '../entities/audit-log.ts';
import { currentActor } from '../shared/actor.ts';

/** An audit row for a change written in SQL (the flush subscriber only sees entities): test events and redeliveries. */
export function auditRow(em: EntityManager, action: AuditAction, entity: string, entityId: string, changes: AuditChanges): void {
  const actor = currentActor();
  em.create(AuditLog, { action, entity, entityId, changes, actorId: actor.id, actorLabel: actor.label, at: new Date() });
}
