import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditAction } from '@workmate/domain/enums';
import { AuditLog, type AuditChanges } from '../entities/audit-log.ts';
import { currentActor } from '../shared/actor.ts';

/*
 * Audit rows for what services write with SQL: the ORM's flush subscriber (subscriber.ts) only
 * sees entities. Both helpers stamp the acting user of the request or job (`runAs`), and write in
 * the caller's transaction, so the row exists exactly when the change does.
 */

export interface AuditRow {
  action: AuditAction;
  entity: string;
  entityId: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** Writes audit rows now: one insert for many rows. */
export async function writeAudit(em: EntityManager, rows: AuditRow[]): Promise<void> {
  if (!rows.length) return;
  const actor = currentActor();
  await em.execute(
    `insert into audit_log (at, actor_id, actor_label, action, entity, entity_id, changes)
     select now(), ?::uuid, ?, t.action, t.entity, t.entity_id, t.changes from jsonb_to_recordset(?::jsonb) as t(action text, entity text, entity_id text, changes jsonb)`,
    [actor.id, actor.label, JSON.stringify(rows.map((r) => ({ action: r.action, entity: r.entity, entity_id: r.entityId, changes: r.changes })))],
  );
}

/** Changes of a created record: every value "after", nothing "before". */
export const created = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { before: null, after: v ?? null }]));

/** Queues one audit row on the entity manager; it is written with the caller's next flush. */
export function auditRow(em: EntityManager, action: AuditAction, entity: string, entityId: string, changes: AuditChanges): void {
  const actor = currentActor();
  em.create(AuditLog, { action, entity, entityId, changes, actorId: actor.id, actorLabel: actor.label, at: new Date() });
}
