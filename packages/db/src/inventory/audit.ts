import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditAction } from '@workmate/domain/enums';
import { currentActor } from '../shared/actor.ts';

export interface AuditRow {
  action: AuditAction;
  entity: string;
  entityId: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/**
 * Audit rows for what the inventory services write with SQL (the ORM's subscriber only sees
 * entities): one insert for many rows, in the caller's transaction, under the acting user.
 */
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
