import type { EntityManager } from '@mikro-orm/postgresql';
import { hoursFromMinutes } from '@workmate/domain/time-rules';
import { fromCents, toCents } from '@workmate/domain/money';
import { hasPermission } from '@workmate/domain/permissions';
import { loadSettings } from '../core/settings.ts';
import type { Actor } from '../shared/actor.ts';
import { BERLIN_TODAY_SQL, entryAmountSql } from '../shared/time-entry-sql.ts';
import type { ProjectStatisticsDto } from './dto.ts';
import { findProject } from './projects.ts';

/**
 * A project's figures, aggregated in one SQL statement (no rows are loaded into the app).
 * Budget utilisation is the value of the billable time (invoiced or not) against the budget;
 * completion is the elapsed share of the planned period. Revenue is the net of the project's paid
 * invoices; margin is that revenue less the project's expenses (net). Like dashboards.kpis,
 * revenue needs invoices.read and expenses finance.read; margin needs both. Anyone else gets null.
 */
export async function projectStatistics(
  em: EntityManager,
  id: string,
  viewer: Pick<Actor, 'permissions'>,
  options: { includeDeleted?: boolean } = {},
): Promise<ProjectStatisticsDto> {
  const seesRevenue = hasPermission(viewer.permissions, 'invoices.read');
  const seesExpenses = hasPermission(viewer.permissions, 'finance.read');
  await findProject(em, id, options);
  const settings = await loadSettings(em);
  const amount = entryAmountSql(settings.timeRoundingMinutes);
  const rows = await em.execute<
    Array<{
      total_minutes: string;
      billable_minutes: string;
      billable_amount: string;
      unbilled_amount: string;
      invoiced_amount: string;
      budget_utilisation: string | null;
      budget_remaining: string | null;
      overdue: boolean;
      days_until_deadline: number | null;
      completion: string | null;
      entry_count: string;
      open_count: string;
      revenue: string;
      expenses: string;
    }>
  >(
    `with t as (
       select coalesce(sum(e.duration_minutes), 0) as total_minutes,
              coalesce(sum(e.duration_minutes) filter (where e.billable), 0) as billable_minutes,
              coalesce(sum(${amount}), 0) as billable_amount,
              coalesce(sum(${amount}) filter (where not e.is_invoiced), 0) as unbilled_amount,
              coalesce(sum(${amount}) filter (where e.is_invoiced), 0) as invoiced_amount,
              count(*) filter (where e.end_time is not null) as entry_count,
              count(*) filter (where e.end_time is null) as open_count
         from time_entries e
         left join projects p on p.id = e.project_id
         join employees emp on emp.id = e.employee_id
        where e.project_id = ?
     ), today as (select ${BERLIN_TODAY_SQL} as d)
     select t.total_minutes, t.billable_minutes,
            t.billable_amount::numeric(14,2)::text as billable_amount,
            t.unbilled_amount::numeric(14,2)::text as unbilled_amount,
            t.invoiced_amount::numeric(14,2)::text as invoiced_amount,
            case when p.budget > 0 then round(t.billable_amount * 100 / p.budget, 1)::text end as budget_utilisation,
            case when p.budget is not null then (p.budget - t.billable_amount)::numeric(14,2)::text end as budget_remaining,
            coalesce(p.deadline < today.d and p.status not in ('completed', 'cancelled'), false) as overdue,
            (p.deadline - today.d) as days_until_deadline,
            case
              when p.status = 'completed' then 100
              when p.start_date is null or coalesce(p.end_date, p.deadline) is null then null
              when coalesce(p.end_date, p.deadline) <= p.start_date then case when today.d >= p.start_date then 100 else 0 end
              else greatest(0, least(100, round((today.d - p.start_date) * 100.0 / (coalesce(p.end_date, p.deadline) - p.start_date))))
            end as completion,
            t.entry_count, t.open_count,
            (select coalesce(sum(i.net_total), 0) from invoices i where i.project_id = p.id and i.status = 'paid')::numeric(14,2)::text as revenue,
            (select coalesce(sum(x.net_amount), 0) from expenses x where x.project_id = p.id)::numeric(14,2)::text as expenses
       from projects p, t, today
      where p.id = ?`,
    [id, id],
  );
  const r = rows[0];
  if (!r) throw new Error(`Statistics of project ${id} returned no row`);
  const total = Number(r.total_minutes);
  const billable = Number(r.billable_minutes);
  return {
    totalMinutes: total,
    billableMinutes: billable,
    nonBillableMinutes: total - billable,
    totalHours: hoursFromMinutes(total),
    billableHours: hoursFromMinutes(billable),
    billableAmount: r.billable_amount,
    unbilledAmount: r.unbilled_amount,
    invoicedAmount: r.invoiced_amount,
    budgetUtilisation: r.budget_utilisation,
    budgetRemaining: r.budget_remaining,
    overdue: r.overdue,
    daysUntilDeadline: r.days_until_deadline === null ? null : Number(r.days_until_deadline),
    completionPercentage: r.completion === null ? null : Number(r.completion),
    entryCount: Number(r.entry_count),
    openEntryCount: Number(r.open_count),
    revenue: seesRevenue ? r.revenue : null,
    expenses: seesExpenses ? r.expenses : null,
    margin: seesRevenue && seesExpenses ? fromCents(toCents(r.revenue) - toCents(r.expenses)) : null,
  };
}
