import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { appError } from '@workmate/domain/errors';
import { periodRange, type ReportSource } from '@workmate/domain/saved-reports';
import type { ReportFilters } from '@workmate/domain/schemas/platform';
import { loadSettings } from '../core/settings.ts';
import { billedMinutesSql, ENTRY_DATE_SQL, entryAmountSql } from '../shared/time-entry-sql.ts';

/** A report never holds more rows than this: past it the filters must be narrower. */
export const MAX_REPORT_ROWS = 100_000;

/** One value of a report cell: money and dates as strings (exact), minutes as integers. */
export type ReportValue = string | number | boolean | null;

/**
 * The SQL expression of every column, per source. Money is numeric formatted as text with two
 * places by Postgres (never a JS float); dates are Berlin days.
 */
const COLUMN_SQL: Record<ReportSource, Record<string, string>> = {
  invoices: {
    number: `coalesce(i.number, '')`,
    type: 'i.type',
    status: 'i.status',
    customer: 'c.name',
    project: `coalesce(p.project_number || ' ' || p.title, '')`,
    issueDate: `to_char(i.issue_date, 'YYYY-MM-DD')`,
    dueDate: `to_char(i.due_date, 'YYYY-MM-DD')`,
    net: 'i.net_total::numeric(14,2)::text',
    vat: 'i.tax_total::numeric(14,2)::text',
    gross: 'i.gross_total::numeric(14,2)::text',
    open: `(case when i.type = 'invoice' and i.status in ('finalized', 'sent', 'partially_paid', 'overdue') then i.gross_total - i.credited_amount - i.paid_amount else 0 end)::numeric(14,2)::text`,
  },
  timeEntries: {
    date: `to_char(${ENTRY_DATE_SQL}, 'YYYY-MM-DD')`,
    employee: `emp.first_name || ' ' || emp.last_name`,
    project: `coalesce(p.project_number || ' ' || p.title, '')`,
    customer: `coalesce(c.name, '')`,
    taskType: 'e.task_type',
    note: `coalesce(e.note, '')`,
    minutes: '<billed>',
    billable: 'e.billable',
    amount: '<amount>',
    approved: 'e.is_approved',
    invoiced: 'e.is_invoiced',
  },
  expenses: {
    date: `to_char(x.expense_date, 'YYYY-MM-DD')`,
    title: 'x.title',
    category: 'x.category',
    employee: `emp.first_name || ' ' || emp.last_name`,
    project: `coalesce(p.project_number || ' ' || p.title, '')`,
    net: 'x.net_amount::numeric(12,2)::text',
    vat: 'x.tax_amount::numeric(12,2)::text',
    gross: 'x.gross_amount::numeric(12,2)::text',
    billable: 'x.billable',
    reimbursed: 'x.reimbursed',
  },
};

const FROM_SQL: Record<ReportSource, { from: string; date: string; order: string; customer: string; project: string }> = {
  invoices: {
    from: 'invoices i join customers c on c.id = i.customer_id left join projects p on p.id = i.project_id',
    date: `coalesce(i.issue_date, (i.created_at at time zone 'Europe/Berlin')::date)`,
    order: 'coalesce(i.issue_date, (i.created_at at time zone \'Europe/Berlin\')::date), i.number nulls last, i.id',
    customer: 'i.customer_id',
    project: 'i.project_id',
  },
  timeEntries: {
    from: 'time_entries e join employees emp on emp.id = e.employee_id left join projects p on p.id = e.project_id left join customers c on c.id = p.customer_id',
    date: ENTRY_DATE_SQL,
    order: 'e.start_time, e.id',
    customer: 'p.customer_id',
    project: 'e.project_id',
  },
  expenses: {
    from: 'expenses x join employees emp on emp.id = x.employee_id left join projects p on p.id = x.project_id',
    date: 'x.expense_date',
    order: 'x.expense_date, x.id',
    customer: 'p.customer_id',
    project: 'x.project_id',
  },
};

/** The report's rows: one array of values per row, in the order of `columns`. */
export async function reportRows(em: EntityManager, report: { source: ReportSource; columns: string[]; filters: ReportFilters }, now: Date = new Date()): Promise<ReportValue[][]> {
  const source = FROM_SQL[report.source];
  let columnSql = COLUMN_SQL[report.source];
  if (report.source === 'timeEntries') {
    // Billed minutes and amounts follow the company's rounding step, as everywhere else.
    const step = (await loadSettings(em)).timeRoundingMinutes;
    columnSql = { ...columnSql, minutes: `${billedMinutesSql(step)}`, amount: `${entryAmountSql(step)}::numeric(12,2)::text` };
  }
  const select = report.columns.map((c, i) => {
    const sql = columnSql[c];
    if (!sql) throw new Error(`Unknown column ${c} of ${report.source}`);
    return `${sql} as c${i}`;
  });
  const where: string[] = report.source === 'timeEntries' ? ['e.end_time is not null'] : [];
  const params: unknown[] = [];
  const f = report.filters;
  const range = periodRange(f.period, berlinDay(now), { from: f.from, to: f.to });
  if (range?.from) {
    where.push(`${source.date} >= ?::date`);
    params.push(range.from);
  }
  if (range?.to) {
    where.push(`${source.date} <= ?::date`);
    params.push(range.to);
  }
  if (f.customerId) {
    where.push(`${source.customer} = ?::uuid`);
    params.push(f.customerId);
  }
  if (f.projectId) {
    where.push(`${source.project} = ?::uuid`);
    params.push(f.projectId);
  }
  if (report.source === 'invoices' && f.statuses?.length) {
    where.push(`i.status = any(?::text[])`);
    params.push(`{${f.statuses.join(',')}}`);
  }
  if (report.source !== 'invoices' && f.billable != null) {
    where.push(`${report.source === 'timeEntries' ? 'e' : 'x'}.billable = ?`);
    params.push(f.billable);
  }
  const rows = await em.execute<Array<Record<string, ReportValue>>>(
    `select ${select.join(', ')} from ${source.from} ${where.length ? `where ${where.join(' and ')}` : ''} order by ${source.order} limit ${MAX_REPORT_ROWS + 1}`,
    params,
  );
  if (rows.length > MAX_REPORT_ROWS) throw appError('BAD_REQUEST', 'savedReport.tooManyRows', { max: MAX_REPORT_ROWS }, { field: 'filters' });
  return rows.map((r) => report.columns.map((_, i) => r[`c${i}`] ?? null));
}
