import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import type { ExpenseCategory } from '@workmate/domain/enums';
import { hasPermission } from '@workmate/domain/permissions';
import { hoursFromMinutes } from '@workmate/domain/time-rules';
import { moneyText } from '../shared/format.ts';
import type { Actor } from '../shared/actor.ts';

export interface ProfitDto {
  id: string;
  projectNumber: string;
  title: string;
  revenue: string;
  expenses: string;
  margin: string;
}

/** The home dashboard's figures. A section someone may not see is null. */
export interface DashboardKpisDto {
  today: string;
  finance: {
    revenueThisMonth: string;
    revenueThisYear: string;
    outstandingAmount: string;
    overdueAmount: string;
    overdueCount: number;
    mostProfitable: ProfitDto[];
    leastProfitable: ProfitDto[];
  } | null;
  /** Everyone's time with timeTracking.readAll, otherwise one's own. */
  time: { scope: 'all' | 'own'; hoursThisWeek: string; billableRatioThisMonth: string | null };
  expensesByCategory: Array<{ category: ExpenseCategory; netAmount: string }> | null;
}

const BERLIN = `'Europe/Berlin'`;

/**
 * Revenue is the net of paid invoices, by the day they were paid (this month and year, Berlin);
 * profit per project is that revenue less the project's expenses. Every figure is one SQL
 * aggregate; `now` is injectable so tests and benchmarks agree on "this week".
 */
export async function dashboardKpis(em: EntityManager, actor: Actor, now: Date = new Date()): Promise<DashboardKpisDto> {
  const today = berlinDay(now);
  const can = (p: string) => hasPermission(actor.permissions, p);
  const all = can('timeTracking.readAll');
  const own = all ? '' : ' and e.employee_id = ?';
  const ownParams = all ? [] : [actor.id];
  const year = `${today.slice(0, 4)}-01-01`;
  const month = `${today.slice(0, 7)}-01`;
  const [finance, profits, time, expenses] = await Promise.all([
    can('invoices.read')
      ? em.execute<Array<{ month: string; year: string; outstanding: string; overdue: string; overdue_count: string }>>(
          `select (select coalesce(sum(i.net_total), 0) from invoices i where i.status = 'paid' and i.paid_at >= (?::date)::timestamp at time zone ${BERLIN})::text as month,
                  (select coalesce(sum(i.net_total), 0) from invoices i where i.status = 'paid' and i.paid_at >= (?::date)::timestamp at time zone ${BERLIN})::text as year,
                  coalesce(sum(i.gross_total - i.credited_amount - i.paid_amount), 0)::text as outstanding,
                  coalesce(sum(i.gross_total - i.credited_amount - i.paid_amount) filter (where i.due_date < ?::date), 0)::text as overdue,
                  count(*) filter (where i.due_date < ?::date) as overdue_count
             from invoices i where i.type = 'invoice' and i.status in ('finalized', 'sent', 'partially_paid', 'overdue')`,
          [month, year, today, today],
        )
      : Promise.resolve(null),
    can('invoices.read')
      ? em.execute<Array<{ id: string; project_number: string; title: string; revenue: string; expenses: string; margin: string; rank: string }>>(
          `with revenue as (select project_id, sum(net_total) as amount from invoices where status = 'paid' and project_id is not null group by project_id),
                spent as (select project_id, sum(net_amount) as amount from expenses where project_id is not null group by project_id),
                profit as (
                  select p.id, p.project_number, p.title, coalesce(r.amount, 0) as revenue, coalesce(s.amount, 0) as expenses,
                         coalesce(r.amount, 0) - coalesce(s.amount, 0) as margin
                    from projects p left join revenue r on r.project_id = p.id left join spent s on s.project_id = p.id
                   where p.deleted_at is null and (r.amount is not null or s.amount is not null)
                )
           (select *, 'top' as rank from profit order by margin desc, project_number limit 5)
           union all
           (select *, 'bottom' as rank from profit order by margin asc, project_number limit 5)`,
        )
      : Promise.resolve(null),
    em.execute<Array<{ week: string; ratio: string | null }>>(
      `select (select coalesce(sum(e.duration_minutes), 0) from time_entries e
                where e.end_time is not null and e.start_time >= (date_trunc('week', ?::date))::timestamp at time zone ${BERLIN}
                  and e.start_time < (date_trunc('week', ?::date) + interval '7 days')::timestamp at time zone ${BERLIN}${own}) as week,
              (select round(100.0 * sum(e.duration_minutes) filter (where e.billable) / nullif(sum(e.duration_minutes), 0), 1) from time_entries e
                where e.end_time is not null and e.start_time >= (?::date)::timestamp at time zone ${BERLIN}
                  and e.start_time < ((?::date) + interval '1 month')::timestamp at time zone ${BERLIN}${own})::text as ratio`,
      [today, today, ...ownParams, month, month, ...ownParams],
    ),
    can('finance.read')
      ? em.execute<Array<{ category: ExpenseCategory; net: string }>>(
          `select category, sum(net_amount)::text as net from expenses where expense_date >= ?::date and expense_date < (?::date + interval '1 year') group by category order by sum(net_amount) desc, category`,
          [year, year],
        )
      : Promise.resolve(null),
  ]);
  const f = finance?.[0];
  const profit = (rank: string): ProfitDto[] =>
    (profits ?? [])
      .filter((p) => p.rank === rank)
      .map((p) => ({ id: p.id, projectNumber: p.project_number, title: p.title, revenue: moneyText(p.revenue), expenses: moneyText(p.expenses), margin: moneyText(p.margin) }));
  const minutes = Number(time[0]?.week ?? 0);
  return {
    today,
    finance: f
      ? {
          revenueThisMonth: moneyText(f.month),
          revenueThisYear: moneyText(f.year),
          outstandingAmount: moneyText(f.outstanding),
          overdueAmount: moneyText(f.overdue),
          overdueCount: Number(f.overdue_count),
          mostProfitable: profit('top'),
          leastProfitable: profit('bottom'),
        }
      : null,
    time: { scope: all ? 'all' : 'own', hoursThisWeek: hoursFromMinutes(minutes), billableRatioThisMonth: time[0]?.ratio ?? null },
    expensesByCategory: expenses ? expenses.map((e) => ({ category: e.category, netAmount: moneyText(e.net) })) : null,
  };
}
