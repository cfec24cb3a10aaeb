import { berlinDay } from '@workmate/domain/berlin-time';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface ReminderSweepResult {
  today: string;
  markedOverdue: number;
  /** Who got a new notification (the API wakes their live subscriptions). */
  notified: string[];
}

/**
 * The daily reminder job, for a given Berlin day (injected in tests): open reminders due before
 * today become overdue (one statement, with their audit rows), and their owners get one
 * notification each (notified is set, so it is sent once).
 */
export async function sweepReminders(em: EntityManager, today: string = berlinDay(new Date())): Promise<ReminderSweepResult> {
  return em.transactional(async (tx) => {
    const overdue = await tx.execute<Array<{ id: string }>>(
      `with changed as (
         update reminders r set status = 'overdue', version = r.version + 1, updated_at = now()
          where r.status = 'open' and r.due_date < ?::date
         returning r.id
       )
       insert into audit_log (at, actor_id, actor_label, action, entity, entity_id, changes)
       select now(), null, 'worker', 'update', 'reminder', id, '{"status": {"before": "open", "after": "overdue"}}'::jsonb from changed
       returning entity_id as id`,
      [today],
    );
    const notified = await tx.execute<Array<{ employee_id: string }>>(
      `with due as (
         update reminders r set notified = true where r.status = 'overdue' and not r.notified
         returning r.id, r.owner_id, r.title, r.due_date, r.entity, r.entity_id
       )
       insert into notifications (id, employee_id, kind, title, body, entity, entity_id, dedupe_key, created_at)
       select gen_random_uuid(), due.owner_id, 'reminder_overdue', 'Erinnerung überfällig: ' || due.title,
              'Fällig am ' || to_char(due.due_date, 'DD.MM.YYYY'), coalesce(due.entity, 'reminder'), coalesce(due.entity_id, due.id),
              'reminder-overdue-' || due.id || '-' || due.due_date, now()
         from due
       on conflict (dedupe_key) do nothing
       returning employee_id`,
    );
    return { today, markedOverdue: overdue.length, notified: notified.map((n) => n.employee_id) };
  });
}
