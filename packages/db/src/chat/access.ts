import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import type { Actor } from '../shared/actor.ts';

/**
 * Who belongs to a project's chat: its manager, everyone with time on it, the people added to it
 * by hand — and holders of `chat.all`. Everyone else is refused (FORBIDDEN), for history and the
 * live stream alike.
 */
export async function isMember(em: EntityManager, projectId: string, employeeId: string): Promise<boolean> {
  const rows = await em.execute<Array<{ ok: boolean }>>(
    `select exists(select 1 from projects p where p.id = ? and p.project_manager_id = ?)
         or exists(select 1 from project_members m where m.project_id = ? and m.employee_id = ?)
         or exists(select 1 from time_entries e where e.project_id = ? and e.employee_id = ?) as ok`,
    [projectId, employeeId, projectId, employeeId, projectId, employeeId],
  );
  return Boolean(rows[0]?.ok);
}

export async function requireChatAccess(em: EntityManager, actor: Actor, projectId: string): Promise<void> {
  const project = await em.execute<Array<{ id: string }>>(`select id from projects where id = ? and deleted_at is null`, [projectId]);
  if (!project[0]) throw notFound('Project', projectId);
  if (hasPermission(actor.permissions, 'chat.all')) return;
  if (!(await isMember(em, projectId, actor.id))) {
    throw appError('FORBIDDEN', 'chat.onlyMembers', {}, { field: 'projectId' });
  }
}
