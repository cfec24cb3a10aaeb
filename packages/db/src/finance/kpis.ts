import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import type { ExpenseCategory } from '@workmate/domain/enums';
import type { ExpenseKpisInput } from '@workmate/domain/schemas/expenses';
import { moneyText } from '../shared/format.ts';
import type { Actor } from '../shared/actor.ts';
import { expenseFilterSql } from './expenses.ts';

export interface ExpenseKpisDto {
  total: { count: number; netAmount: string; taxAmount: string; grossAmount: string; reimbursable: string };
  byCategory: Array<{ category: ExpenseCategory; count: number; netAmount: string }>;
  /** Net per month of the year (1–12). */
  monthly: Array<{ month: number; netAmount: string }>;
  year: number;
  byProject: Array<{ projectId: string | null; projectNumber: string | null; title: string | null; netAmount: string }>;
}

/** Expense figures over the filtered expenses, in SQL aggregates. */
export async function expenseKpis(em: EntityManager, actor: Actor, input: ExpenseKpisInput): Promise<ExpenseKpisDto> {
  const f = expenseFilterSql(actor, input);
  const year = input.year ?? Number(berlinDay(new Date()).slice(0, 4));
  const [total, cats, months, projects] = await Promise.all([
    em.execute<Array<{ n: string; net: string; tax: string; gross: string; open: string }>>(
      `select count(*) as n, coalesce(sum(x.net_amount), 0)::text as net, coalesce(sum(x.tax_amount), 0)::text as tax, coalesce(sum(x.gross_amount), 0)::text as gross,
              coalesce(sum(x.gross_amount) filter (where not x.reimbursed), 0)::text as open
         from expenses x where ${f.sql}`,
      f.params,
    ),
    em.execute<Array<{ category: ExpenseCategory; n: string; net: string }>>(
      `select x.category, count(*) as n, sum(x.net_amount)::text as net from expenses x where ${f.sql} group by x.category order by sum(x.net_amount) desc, x.category`,
      f.params,
    ),
    em.execute<Array<{ month: number; net: string }>>(
      `select extract(month from x.expense_date)::int as month, sum(x.net_amount)::text as net from expenses x
        where ${f.sql} and x.expense_date >= ?::date and x.expense_date < ?::date group by 1`,
      [...f.params, `${year}-01-01`, `${year + 1}-01-01`],
    ),
    em.execute<Array<{ project_id: string | null; project_number: string | null; title: string | null; net: string }>>(
      `select x.project_id, p.project_number, p.title, sum(x.net_amount)::text as net from expenses x left join projects p on p.id = x.project_id
        where ${f.sql} group by x.project_id, p.project_number, p.title order by sum(x.net_amount) desc, p.project_number nulls last limit 10`,
      f.params,
    ),
  ]);
  const t = total[0];
  const perMonth = new Map(months.map((m) => [Number(m.month), moneyText(m.net)]));
  return {
    total: { count: Number(t?.n ?? 0), netAmount: moneyText(t?.net), taxAmount: moneyText(t?.tax), grossAmount: moneyText(t?.gross), reimbursable: moneyText(t?.open) },
    byCategory: cats.map((c) => ({ category: c.category, count: Number(c.n), netAmount: moneyText(c.net) })),
    monthly: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, netAmount: perMonth.get(i + 1) ?? '0.00' })),
    year,
    byProject: projects.map((p) => ({ projectId: p.project_id, projectNumber: p.project_number, title: p.title, netAmount: moneyText(p.net) })),
  };
}
