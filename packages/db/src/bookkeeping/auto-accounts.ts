import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountRole, Chart, VatMethod } from '@workmate/domain/bookkeeping';
import { appError } from '@workmate/domain/errors';

/** The active chart's accounts by role and the VAT method, read once per automatic posting. */
export interface PostingSetup {
  chart: Chart;
  vatMethod: VatMethod;
  account: (role: AccountRole) => string;
}

export async function postingSetup(tx: EntityManager): Promise<PostingSetup> {
  const rows = await tx.execute<Array<{ chart: Chart; vat_method: VatMethod; role: string | null; id: string | null }>>(
    `select s.chart_of_accounts as chart, s.vat_method, a.role, a.id
     from (select coalesce((select chart_of_accounts from company_settings where id = 1), 'SKR03') as chart_of_accounts,
                  coalesce((select vat_method from company_settings where id = 1), 'soll') as vat_method) s
     left join ledger_accounts a on a.chart = s.chart_of_accounts and a.role is not null`,
  );
  const chart = rows[0]?.chart ?? 'SKR03';
  const byRole = new Map(rows.filter((r) => r.role && r.id).map((r) => [r.role as string, r.id as string]));
  return {
    chart,
    vatMethod: rows[0]?.vat_method ?? 'soll',
    account: (role) => {
      const id = byRole.get(role);
      if (!id) throw appError('CONFLICT', 'bookkeeping.accountRoleMissing', { role, chart }, { field: 'role' });
      return id;
    },
  };
}

/**
 * The cost centre linked to a project or department, opened with its first posting by `open`
 * (an insert … on conflict do nothing). Any unique clash (another transaction opened it, or a
 * manual centre took the code) leaves the one that exists.
 */
async function linkedCostCentre(tx: EntityManager, column: 'project_id' | 'department_id', id: string, open: string): Promise<string | null> {
  const find = () => tx.execute<Array<{ id: string }>>(`select id from cost_centres where ${column} = ?`, [id]);
  const found = await find();
  if (found[0]) return found[0].id;
  await tx.execute(open, [id]);
  return (await find())[0]?.id ?? null;
}

/** The cost centre of a project, opened with the project's first posting (code `P-<project number>`). */
export async function projectCostCentre(tx: EntityManager, projectId: string | null | undefined): Promise<string | null> {
  if (!projectId) return null;
  return linkedCostCentre(tx, 'project_id', projectId, `insert into cost_centres (code, name, project_id) select left('P-' || p.project_number, 20), left(p.title, 100), p.id from projects p where p.id = ? on conflict do nothing`);
}

/** The cost centre of a department, opened with its first posting (code `D-<department code>`). */
export async function departmentCostCentre(tx: EntityManager, departmentId: string | null | undefined): Promise<string | null> {
  if (!departmentId) return null;
  return linkedCostCentre(tx, 'department_id', departmentId, `insert into cost_centres (code, name, department_id) select left('D-' || d.code, 20), left(d.name, 100), d.id from departments d where d.id = ? on conflict do nothing`);
}
