import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import { JOBS } from '@workmate/domain/jobs';
import { loadSettings } from '../core/settings.ts';
import { enqueue } from '../outbox/outbox.ts';

/**
 * One set-based statement: documents of a type in the given statuses whose date lies before
 * today move to the new status, and each gets its audit row in the same statement.
 */
async function moveStatus(tx: EntityManager, m: { type: 'invoice' | 'quote'; from: string[]; dateColumn: 'due_date' | 'valid_until'; to: 'overdue' | 'expired'; today: string }) {
  return tx.execute<Array<{ id: string }>>(
    `with changed as (
       update invoices i set status = ?, version = i.version + 1, updated_at = now()
         from (select id, status from invoices where type = ? and status in (?) and ${m.dateColumn} < ?::date for update) old
        where i.id = old.id
       returning i.id, old.status as before
     )
     insert into audit_log (at, actor_id, actor_label, action, entity, entity_id, changes)
     select now(), null, 'worker', 'update', 'invoice', id, jsonb_build_object('status', jsonb_build_object('before', before, 'after', ?::text))
       from changed
     returning entity_id as id`,
    [m.to, m.type, m.from, m.today, m.to],
  );
}

export interface SweepResult {
  today: string;
  markedOverdue: number;
  expiredQuotes: number;
  notifications: number;
  /** Who got a new notification (the API wakes their live subscriptions). */
  notified: string[];
}

/**
 * The daily sweep, for a given Berlin day (injected, so tests and the scheduler agree on "today"):
 * - invoices past their due date become overdue, in one set-based statement that also writes
 *   their audit rows;
 * - quotes past their validity expire, the same way;
 * - the responsible person (and the project's manager) of every invoice due soon or overdue gets
 *   a notification, once per invoice and reason (a dedupe key), emailed when SMTP is configured.
 */
export async function sweepOverdue(em: EntityManager, today: string = berlinDay(new Date())): Promise<SweepResult> {
  return em.transactional(async (tx) => {
    const settings = await loadSettings(tx);
    const overdue = await moveStatus(tx, { type: 'invoice', from: ['finalized', 'sent', 'partially_paid'], dateColumn: 'due_date', to: 'overdue', today });
    const expired = await moveStatus(tx, { type: 'quote', from: ['finalized', 'sent'], dateColumn: 'valid_until', to: 'expired', today });
    const soon = addDays(today, settings.reminderDaysBeforeDue);
    const notified = await tx.execute<Array<{ id: string; employee_id: string }>>(
      `with due as (
         select i.id, i.number, i.due_date, i.gross_total - i.credited_amount - i.paid_amount as rest, c.name as customer,
                case when i.due_date < ?::date then 'invoice_overdue' else 'invoice_due_soon' end as kind,
                i.responsible_id, p.project_manager_id
           from invoices i join customers c on c.id = i.customer_id left join projects p on p.id = i.project_id
          where i.type = 'invoice' and i.status in ('finalized', 'sent', 'partially_paid', 'overdue') and i.due_date <= ?::date
       ), recipients as (
         select distinct d.id, d.number, d.due_date, d.rest, d.customer, d.kind, r.employee_id
           from due d
           cross join lateral unnest(array[d.responsible_id, d.project_manager_id]) as r(employee_id)
           join employees emp on emp.id = r.employee_id
          where emp.deleted_at is null and emp.notifications_enabled
       )
       insert into notifications (id, employee_id, kind, title, body, entity, entity_id, dedupe_key, created_at)
       select gen_random_uuid(), x.employee_id, x.kind,
              case when x.kind = 'invoice_overdue' then 'Rechnung ' || x.number || ' ist überfällig' else 'Rechnung ' || x.number || ' wird bald fällig' end,
              x.customer || ': offen ' || translate(to_char(x.rest, 'FM999,999,990.00'), ',.', '.,') || ' €, fällig am ' || to_char(x.due_date, 'DD.MM.YYYY'),
              'invoice', x.id,
              x.kind || '-' || x.id || '-' || x.due_date || '-' || x.employee_id,
              now()
         from recipients x
       on conflict (dedupe_key) do nothing
       returning id, employee_id`,
      [today, soon],
    );
    for (const n of notified) enqueue(tx, JOBS.sendNotificationEmail, { notificationId: n.id });
    await tx.flush();
    return { today, markedOverdue: overdue.length, expiredQuotes: expired.length, notifications: notified.length, notified: notified.map((n) => n.employee_id) };
  });
}
