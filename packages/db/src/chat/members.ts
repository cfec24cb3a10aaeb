import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import { writeAudit } from '../audit/write.ts';
import type { Actor } from '../shared/actor.ts';
import { requireChatAccess } from './access.ts';

export interface ChatMemberDto {
  id: string;
  name: string;
  /** Why they belong: manager, time on the project, or added by hand. */
  reason: 'manager' | 'time' | 'added';
}

/** Everyone in a project's chat (besides holders of chat.all, who may join any). */
export async function listMembers(em: EntityManager, actor: Actor, projectId: string): Promise<ChatMemberDto[]> {
  await requireChatAccess(em, actor, projectId);
  const rows = await em.execute<Array<{ id: string; name: string; reason: ChatMemberDto['reason'] }>>(
    `select distinct on (e.id) e.id, e.first_name || ' ' || e.last_name as name, x.reason
       from (select project_manager_id as employee_id, 'manager' as reason, 1 as rank from projects where id = ?
             union all select employee_id, 'added', 2 from project_members where project_id = ?
             union all select distinct employee_id, 'time', 3 from time_entries where project_id = ?) x
       join employees e on e.id = x.employee_id and e.deleted_at is null
      order by e.id, x.rank`,
    [projectId, projectId, projectId],
  );
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Adding and removing members is for the project's manager and holders of projects.write. */
async function requireManage(em: EntityManager, actor: Actor, projectId: string) {
  const rows = await em.execute<Array<{ manager: string | null }>>(`select project_manager_id as manager from projects where id = ? and deleted_at is null`, [projectId]);
  if (!rows[0]) throw appError('NOT_FOUND', 'record.notFound', { what: 'Project', id: projectId }, { field: 'projectId' });
  if (rows[0].manager !== actor.id && !hasPermission(actor.permissions, 'projects.write')) {
    throw appError('FORBIDDEN', 'chat.onlyManagerAddsMembers', {}, { field: 'projectId' });
  }
}

export async function addMember(em: EntityManager, actor: Actor, projectId: string, employeeId: string): Promise<{ ok: true }> {
  await requireManage(em, actor, projectId);
  const found = await em.execute(`select 1 from employees where id = ? and deleted_at is null`, [employeeId]);
  if (found.length === 0) throw appError('BAD_REQUEST', 'employee.unknown', {}, { field: 'employeeId' });
  await em.execute(`insert into project_members (project_id, employee_id, created_at) values (?, ?, now()) on conflict do nothing`, [projectId, employeeId]);
  await writeAudit(em, [{ action: 'create', entity: 'projectMember', entityId: projectId, changes: { employee: { before: null, after: employeeId } } }]);
  return { ok: true };
}

export async function removeMember(em: EntityManager, actor: Actor, projectId: string, employeeId: string): Promise<{ ok: true }> {
  await requireManage(em, actor, projectId);
  await em.execute(`delete from project_members where project_id = ? and employee_id = ?`, [projectId, employeeId]);
  await writeAudit(em, [{ action: 'delete', entity: 'projectMember', entityId: projectId, changes: { employee: { before: employeeId, after: null } } }]);
  return { ok: true };
}
