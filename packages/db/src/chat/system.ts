import type { EntityManager } from '@mikro-orm/postgresql';
import { formatDecimalComma } from '@workmate/domain/money';
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
 * What a system message says, as a code and its parameters. The web app words it in the
 * reader's language (status labels, German money); `germanText` is the stored text for
 * everything else that reads messages.
 */
export type SystemMessage =
  | { code: 'project.created'; params: { number: string; title: string } }
  | { code: 'project.status'; params: { before: string; after: string } }
  | { code: 'invoice.finalized'; params: { number: string; gross: string } }
  | { code: 'invoice.paid'; params: { number: string } }
  | { code: 'budget.80'; params: { used: string; budget: string } };

const PROJECT_STATUS_DE: Record<string, string> = { planning: 'In Planung', active: 'Aktiv', on_hold: 'Pausiert', completed: 'Abgeschlossen', cancelled: 'Abgebrochen' };
const euro = (amount: string) => `${formatDecimalComma(amount, { grouping: true })} €`;

export function germanText(m: SystemMessage): string {
  switch (m.code) {
    case 'project.created':
      return `Projekt ${m.params.number} „${m.params.title}“ angelegt`;
    case 'project.status':
      return `Projektstatus geändert: ${PROJECT_STATUS_DE[m.params.before] ?? m.params.before} → ${PROJECT_STATUS_DE[m.params.after] ?? m.params.after}`;
    case 'invoice.finalized':
      return `Rechnung ${m.params.number} festgeschrieben (${euro(m.params.gross)})`;
    case 'invoice.paid':
      return `Rechnung ${m.params.number} bezahlt`;
    case 'budget.80':
      return `Budget zu 80 % verbraucht (${euro(m.params.used)} von ${euro(m.params.budget)})`;
  }
}

/**
 * Posts a system message in a project's chat, inside the caller's transaction. With a key it
 * happens once per key (e.g. the 80 % budget warning).
 */
export async function postSystemMessage(em: EntityManager, projectId: string, message: SystemMessage, key: string | null = null): Promise<void> {
  await em.execute(
    `insert into chat_messages (id, project_id, author_id, kind, content, mentions, attachments, system_key, system_data, created_at)
     values (gen_random_uuid(), ?, null, 'system', ?, '[]'::jsonb, '[]'::jsonb, ?, ?::jsonb, now()) on conflict (system_key) do nothing`,
    [projectId, germanText(message), key, JSON.stringify(message)],
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
