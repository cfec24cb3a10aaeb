import type { EntityManager } from '@mikro-orm/postgresql';
import { systemMessageGerman, type SystemMessage } from '@workmate/domain/chat-system';
import { AsyncLocalStorage } from 'node:async_hooks';
import { loadSettings } from '../core/settings.ts';
import { entryAmountSql } from '../shared/time-entry-sql.ts';

/**
 * Projects whose chat got a system message during the current request; the API announces them
 * after the request's work has committed, so live subscribers see the message at once.
 */
const touched = new AsyncLocalStorage<Set<string>>();

export function collectChatChanges<T>(fn: () => T): { result: T; projects: Set<string> } {
  const projects = new Set<string>();
  return { result: touched.run(projects, fn), projects };
}

export function noteChatChange(projectId: string) {
  touched.getStore()?.add(projectId);
}

/**
 * Posts a system message in a project's chat, inside the caller's transaction. With a key it
 * happens once per key (e.g. the 80 % budget warning).
 */
export async function postSystemMessage(em: EntityManager, projectId: string, message: SystemMessage, key: string | null = null): Promise<void> {
  await em.execute(
    `insert into chat_messages (id, project_id, author_id, kind, content, mentions, attachments, system_key, system_data, created_at)
     values (gen_random_uuid(), ?, null, 'system', ?, '[]'::jsonb, '[]'::jsonb, ?, ?::jsonb, now()) on conflict (system_key) do nothing`,
    [projectId, systemMessageGerman(message), key, JSON.stringify(message)],
  );
  noteChatChange(projectId);
}

/** Posts the budget warning once the project's billable time reaches 80 % of its budget (after a time entry changed). */
export async function checkBudgetWarning(em: EntityManager, projectId: string | null | undefined): Promise<void> {
  if (!projectId) return;
  const billableAmountSql = entryAmountSql((await loadSettings(em)).timeRoundingMinutes);
  const rows = await em.execute<Array<{ used: string | null; number: string; budget: string | null }>>(
    `select p.project_number as number, p.budget::text as budget,
            (select round(coalesce(sum(${billableAmountSql}), 0), 2) from time_entries e left join projects p2 on p2.id = e.project_id join employees emp on emp.id = e.employee_id
              where e.project_id = p.id and e.end_time is not null)::text as used
       from projects p where p.id = ?`,
    [projectId],
  );
  const r = rows[0];
  if (!r?.budget || Number(r.budget) <= 0) return;
  if (Number(r.used) * 100 >= Number(r.budget) * 80) {
    await postSystemMessage(em, projectId, { code: 'budget.80', params: { used: r.used ?? '0', budget: r.budget } }, `budget-80-${projectId}`);
  }
}
