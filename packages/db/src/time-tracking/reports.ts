import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { formatDecimalComma, fromCents, toCents } from '@workmate/domain/money';
import type { EntryFilter, SummaryInput } from '@workmate/domain/schemas/time-tracking';
import { csvDocument, csvNumber } from '@workmate/domain/csv';
import { hoursDecimalComma } from '@workmate/domain/time-rules';
import { loadSettings } from '../core/settings.ts';
import type { Actor } from '../shared/actor.ts';
import type { CsvExportDto, SummaryDto, SummaryRowDto } from './dto.ts';
import { filterSql, FROM_SQL } from './queries.ts';
import { billedMinutesSql, EFFECTIVE_RATE_SQL, ENTRY_DATE_SQL, entryAmountSql } from '../shared/time-entry-sql.ts';

const GROUPS = {
  project: { key: 'e.project_id::text', label: `coalesce(max(p.project_number || ' ' || p.title), '')`, order: 'total_minutes desc, label' },
  employee: { key: 'e.employee_id::text', label: `max(emp.last_name || ', ' || emp.first_name)`, order: 'label' },
  customer: { key: 'c.id::text', label: `coalesce(max(c.name), '')`, order: 'total_minutes desc, label' },
  day: { key: `to_char(${ENTRY_DATE_SQL}, 'YYYY-MM-DD')`, label: `max(to_char(${ENTRY_DATE_SQL}, 'YYYY-MM-DD'))`, order: 'key' },
  week: { key: `to_char(date_trunc('week', ${ENTRY_DATE_SQL}), 'YYYY-MM-DD')`, label: `max(to_char(date_trunc('week', ${ENTRY_DATE_SQL}), 'IYYY-"W"IW'))`, order: 'key' },
  month: { key: `to_char(date_trunc('month', ${ENTRY_DATE_SQL}), 'YYYY-MM-DD')`, label: `max(to_char(date_trunc('month', ${ENTRY_DATE_SQL}), 'YYYY-MM'))`, order: 'key' },
} as const;

/**
 * Hours and amounts of finished entries grouped by project, employee, customer, day, week or
 * month (Europe/Berlin), split billable / non-billable. One grouped SQL statement.
 * Project and customer rows with an empty key are internal time.
 */
export async function summary(em: EntityManager, actor: Actor, input: SummaryInput): Promise<SummaryDto> {
  const settings = await loadSettings(em);
  const step = settings.timeRoundingMinutes;
  const group = GROUPS[input.groupBy];
  const where = filterSql(actor, input, { finishedOnly: true });
  const rows = await em.execute<Array<{ key: string | null; label: string | null; total_minutes: string; billable_minutes: string; amount: string; entry_count: string }>>(
    `select ${group.key} as key, ${group.label} as label,
            sum(e.duration_minutes) as total_minutes,
            coalesce(sum(e.duration_minutes) filter (where e.billable), 0) as billable_minutes,
            sum(${entryAmountSql(step)})::numeric(14,2)::text as amount,
            count(*) as entry_count
     ${FROM_SQL} where ${where.sql}
     group by 1 order by ${group.order}`,
    where.params,
  );
  const toRow = (r: (typeof rows)[number]): SummaryRowDto => {
    const total = Number(r.total_minutes);
    const billable = Number(r.billable_minutes);
    return { key: r.key, label: r.label ?? '', totalMinutes: total, billableMinutes: billable, nonBillableMinutes: total - billable, billableAmount: r.amount, entryCount: Number(r.entry_count) };
  };
  const out = rows.map(toRow);
  const totals = out.reduce(
    (acc, r) => ({
      totalMinutes: acc.totalMinutes + r.totalMinutes,
      billableMinutes: acc.billableMinutes + r.billableMinutes,
      nonBillableMinutes: acc.nonBillableMinutes + r.nonBillableMinutes,
      billableCents: acc.billableCents + toCents(r.billableAmount),
      entryCount: acc.entryCount + r.entryCount,
    }),
    { totalMinutes: 0, billableMinutes: 0, nonBillableMinutes: 0, billableCents: 0n, entryCount: 0 },
  );
  return {
    groupBy: input.groupBy,
    rows: out,
    totals: {
      totalMinutes: totals.totalMinutes,
      billableMinutes: totals.billableMinutes,
      nonBillableMinutes: totals.nonBillableMinutes,
      billableAmount: fromCents(totals.billableCents),
      entryCount: totals.entryCount,
    },
    roundingMinutes: step,
  };
}

export const CSV_MAX_ROWS = 100_000;

const TASK_LABELS: Record<string, string> = {
  development: 'Entwicklung',
  meeting: 'Besprechung',
  support: 'Support',
  documentation: 'Dokumentation',
  consulting: 'Beratung',
  design: 'Design',
  testing: 'Test',
  travel: 'Reise',
  administration: 'Verwaltung',
  other: 'Sonstiges',
};

/**
 * The filtered finished entries as a CSV file for German spreadsheet programs: UTF-8 with BOM,
 * `;` separators, decimal comma, times in Europe/Berlin.
 */
export async function exportCsv(em: EntityManager, actor: Actor, input: EntryFilter): Promise<CsvExportDto> {
  const settings = await loadSettings(em);
  const step = settings.timeRoundingMinutes;
  const where = filterSql(actor, input, { finishedOnly: true });
  const rows = await em.execute<
    Array<{
      day: string;
      start: string;
      end: string;
      minutes: number;
      billed: number;
      employee: string;
      project_number: string | null;
      project: string | null;
      customer: string | null;
      task_type: string;
      note: string | null;
      billable: boolean;
      rate: string;
      amount: string;
      approved: boolean;
      invoiced: boolean;
    }>
  >(
    `select to_char(e.start_time at time zone 'Europe/Berlin', 'DD.MM.YYYY') as day,
            to_char(e.start_time at time zone 'Europe/Berlin', 'HH24:MI') as start,
            to_char(e.end_time at time zone 'Europe/Berlin', 'HH24:MI') as end,
            e.duration_minutes as minutes, ${billedMinutesSql(step)} as billed,
            emp.last_name || ', ' || emp.first_name as employee,
            p.project_number, p.title as project, c.name as customer, e.task_type, e.note, e.billable,
            ${EFFECTIVE_RATE_SQL}::numeric(10,2)::text as rate, ${entryAmountSql(step)}::numeric(12,2)::text as amount,
            e.is_approved as approved, e.is_invoiced as invoiced
     ${FROM_SQL} where ${where.sql}
     order by e.start_time, e.id limit ?`,
    [...where.params, CSV_MAX_ROWS + 1],
  );
  if (rows.length > CSV_MAX_ROWS) {
    throw appError('BAD_REQUEST', 'time.tooManyRows', { max: CSV_MAX_ROWS }, { field: 'from' });
  }
  const yes = (b: boolean) => (b ? 'ja' : 'nein');
  const header = ['Datum', 'Beginn', 'Ende', 'Dauer (Std.)', 'Abrechenbare Dauer (Std.)', 'Mitarbeiter', 'Projektnummer', 'Projekt', 'Kunde', 'Tätigkeit', 'Notiz', 'Abrechenbar', 'Stundensatz (EUR)', 'Betrag (EUR)', 'Genehmigt', 'Abgerechnet'];
  const lines = rows.map((r) => [
    r.day,
    r.start,
    r.end,
    // Numbers we computed stay numbers (see csv.ts); every text cell is guarded against formulas.
    csvNumber(hoursDecimalComma(Number(r.minutes))),
    csvNumber(r.billable ? hoursDecimalComma(Number(r.billed)) : '0,00'),
    r.employee,
    r.project_number,
    r.project,
    r.customer,
    TASK_LABELS[r.task_type] ?? r.task_type,
    r.note,
    yes(r.billable),
    csvNumber(formatDecimalComma(r.rate)),
    csvNumber(formatDecimalComma(r.amount)),
    yes(r.approved),
    yes(r.invoiced),
  ]);
  const range = [input.from, input.to].filter(Boolean).join('_bis_');
  return { filename: `zeiterfassung${range ? `_${range}` : ''}.csv`, content: csvDocument([header, ...lines]), rowCount: rows.length };
}
