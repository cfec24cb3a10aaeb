import type { EntityManager } from '@mikro-orm/postgresql';
import { findCustomer } from './customers.ts';

export interface HistoryEntry {
  at: string;
  kind: 'activity' | 'change';
  /** For activities: call, meeting, email, note. For changes: create, update, delete, restore. */
  type: string;
  /** customer, contact or activity */
  entity: string;
  entityId: string;
  title: string;
  description: string | null;
  actor: string | null;
  changedFields: string[];
}

/**
 * A customer's timeline, newest first: its activities and every recorded change to the
 * customer and its contacts, taken from the audit trail. Projects and invoices join later.
 */
export async function customerHistory(em: EntityManager, customerId: string, limit: number): Promise<HistoryEntry[]> {
  await findCustomer(em, customerId, { includeDeleted: true });
  const rows = await em.execute<
    Array<{ at: Date; kind: string; type: string; entity: string; entity_id: string; title: string; description: string | null; actor: string | null; changes: Record<string, unknown> | null }>
  >(
    `select * from (
       select a.occurred_at as at, 'activity' as kind, a.type, 'activity' as entity, a.id::text as entity_id, a.subject as title,
              a.description, e.first_name || ' ' || e.last_name as actor, null::jsonb as changes
         from crm_activities a left join employees e on e.id = a.employee_id
        where a.customer_id = ?
       union all
       select l.at, 'change', l.action, l.entity, l.entity_id, coalesce(l.changes->'name'->>'after', l.changes->'lastName'->>'after', ''),
              null, l.actor_label, l.changes
         from audit_log l
        where (l.entity = 'customer' and l.entity_id = ?)
           or (l.entity = 'contact' and l.entity_id in (
                select id::text from contacts where customer_id = ?
                union select entity_id from audit_log where entity = 'contact' and changes->'customer'->>'after' = ?))
     ) h order by at desc limit ?`,
    [customerId, customerId, customerId, customerId, limit],
  );
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    kind: r.kind as HistoryEntry['kind'],
    type: r.type,
    entity: r.entity,
    entityId: r.entity_id,
    title: r.title,
    description: r.description,
    actor: r.actor,
    changedFields: r.changes ? Object.keys(r.changes) : [],
  }));
}
