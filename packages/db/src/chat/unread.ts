import type { EntityManager } from '@mikro-orm/postgresql';
import { hasPermission } from '@workmate/domain/permissions';
import type { Actor } from '../shared/actor.ts';
import { requireChatAccess } from './access.ts';

/**
 * Unread messages per project (others' messages, not deleted, after what one has read), over
 * the chats one belongs to.
 */
export async function unreadCounts(em: EntityManager, actor: Actor): Promise<Array<{ projectId: string; projectNumber: string; title: string; unread: number }>> {
  const all = hasPermission(actor.permissions, 'chat.all');
  const rows = await em.execute<Array<{ project_id: string; project_number: string; title: string; unread: string }>>(
    `with mine as (
       select p.id from projects p where p.deleted_at is null and (? or p.project_manager_id = ?
         or p.id in (select project_id from project_members where employee_id = ?)
         or p.id in (select distinct project_id from time_entries where employee_id = ? and project_id is not null))
     )
     select m.project_id, p.project_number, p.title, count(*) as unread
       from chat_messages m join mine on mine.id = m.project_id join projects p on p.id = m.project_id
       left join chat_reads r on r.project_id = m.project_id and r.employee_id = ?
      where m.deleted_at is null and (m.author_id is null or m.author_id <> ?) and m.seq > coalesce(r.last_seq, 0)
      group by m.project_id, p.project_number, p.title order by p.project_number`,
    [all, actor.id, actor.id, actor.id, actor.id, actor.id],
  );
  return rows.map((r) => ({ projectId: r.project_id, projectNumber: r.project_number, title: r.title, unread: Number(r.unread) }));
}

/** Everything in the project's chat up to now counts as read. */
export async function markChatRead(em: EntityManager, actor: Actor, projectId: string): Promise<{ lastSeq: number }> {
  await requireChatAccess(em, actor, projectId);
  const rows = await em.execute<Array<{ last_seq: string }>>(
    `insert into chat_reads (project_id, employee_id, last_seq) values (?, ?, coalesce((select max(seq) from chat_messages where project_id = ?), 0))
     on conflict (project_id, employee_id) do update set last_seq = greatest(chat_reads.last_seq, excluded.last_seq) returning last_seq`,
    [projectId, actor.id, projectId],
  );
  return { lastSeq: Number(rows[0]?.last_seq ?? 0) };
}
