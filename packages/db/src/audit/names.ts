import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditChanges } from '../entities/audit-log.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person reads "Projekt P-2026-0001 Website", not a UUID: the name of every record the given
 * audit rows point to (their own id and ids among the changed values), where the record is
 * known. Deleted records keep their name; confidential documents do not give theirs away.
 */
export async function auditNames(em: EntityManager, rows: Array<{ entityId: string; changes: AuditChanges }>): Promise<Record<string, string>> {
  const ids = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === 'string' && UUID.test(value)) ids.add(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach(collect);
  };
  for (const row of rows) {
    collect(row.entityId);
    for (const change of Object.values(row.changes ?? {})) {
      collect(change?.before);
      collect(change?.after);
    }
  }
  if (!ids.size) return {};
  const list = [...ids];
  const found = await em.execute<Array<{ id: string; name: string }>>(
    `select id::text, first_name || ' ' || last_name as name from employees where id in (?)
     union all select id::text, name from customers where id in (?)
     union all select id::text, first_name || ' ' || last_name from contacts where id in (?)
     union all select id::text, project_number || ' ' || title from projects where id in (?)
     union all select id::text, name from departments where id in (?)
     union all select id::text, name from roles where id in (?)
     union all select id::text, coalesce(number, '') from invoices where id in (?) and number is not null
     union all select id::text, title from expenses where id in (?)
     union all select id::text, coalesce(title, file_name) from documents where id in (?) and not confidential
     union all select id::text, title from reminders where id in (?)
     union all select id::text, name from api_tokens where id in (?)
     union all select id::text, name from suppliers where id in (?)
     union all select si.id::text, s.name || ' ' || si.invoice_number from supplier_invoices si join suppliers s on s.id = si.supplier_id where si.id in (?)
     union all select id::text, title from opportunities where id in (?)
     union all select id::text, number || ' ' || subject from tickets where id in (?)
     union all select id::text, name from campaigns where id in (?)
     union all select id::text, subject from mailings where id in (?)`,
    Array.from({ length: 17 }, () => list),
  );
  return Object.fromEntries(found.filter((r) => r.name).map((r) => [r.id, r.name]));
}
