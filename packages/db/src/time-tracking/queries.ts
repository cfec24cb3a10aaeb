import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@workmate/domain/errors';
import type { EntryFilter, EntryListInput } from '@workmate/domain/schemas/time-tracking';
import { loadSettings } from '../core/settings.ts';
import { keysetAfterSql, keysetOrderSql, keysetSelectSql, pageLimitSql, pageWithCursor, type KeysetSort } from '../shared/keyset.ts';
import { can, type Actor } from '../shared/actor.ts';
import { lockReason, mayApprove, visibilitySql } from './access.ts';
import type { TimeEntryDto, TimeEntryPageDto } from './dto.ts';
import { billedMinutesSql, EFFECTIVE_RATE_SQL, ENTRY_DATE_SQL, entryAmountSql, RATE_SOURCE_SQL } from '../shared/time-entry-sql.ts';

const JOINS_SQL = `join employees emp on emp.id = e.employee_id
  left join projects p on p.id = e.project_id
  left join customers c on c.id = p.customer_id`;

export const FROM_SQL = `from time_entries e ${JOINS_SQL}`;

/**
 * WHERE clause for the shared filters plus what the person may see, on time_entries `e` alone (no
 * join needed, so counting stays cheap). Dates are Europe/Berlin days, inclusive.
 */
export function filterSql(actor: Actor, f: EntryFilter, options: { finishedOnly?: boolean } = {}): { sql: string; params: unknown[] } {
  const visible = visibilitySql(actor);
  const where = [visible.sql];
  const params = [...visible.params];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.employeeId) add('e.employee_id = ?', f.employeeId);
  if (f.projectId) add('e.project_id = ?', f.projectId);
  if (f.customerId) add('e.project_id = any(array(select cp.id from projects cp where cp.customer_id = ?))', f.customerId);
  if (f.internal !== undefined) add(f.internal ? 'e.project_id is null' : 'e.project_id is not null');
  if (f.from) add(`e.start_time >= (?::date)::timestamp at time zone 'Europe/Berlin'`, f.from);
  if (f.to) add(`e.start_time < (?::date + 1)::timestamp at time zone 'Europe/Berlin'`, f.to);
  if (f.billable !== undefined) add('e.billable = ?', f.billable);
  if (f.approved !== undefined) add('e.is_approved = ?', f.approved);
  if (f.invoiced !== undefined) add('e.is_invoiced = ?', f.invoiced);
  if (f.approvable) {
    add('e.end_time is not null and not e.is_invoiced');
    if (!can(actor, 'timeTracking.approve')) add('e.project_id = any(array(select ap2.id from projects ap2 where ap2.project_manager_id = ?))', actor.id);
  }
  if (options.finishedOnly || f.running === false) add('e.end_time is not null');
  else if (f.running === true) add('e.end_time is null');
  return { sql: where.join(' and '), params };
}

interface EntryRow {
  id: string;
  employee_id: string;
  employee_name: string;
  project_id: string | null;
  project_number: string | null;
  project_title: string | null;
  customer_id: string | null;
  customer_name: string | null;
  project_manager_id: string | null;
  start_time: Date;
  end_time: Date | null;
  duration_minutes: number | null;
  billed_minutes: number | null;
  billable: boolean;
  hourly_rate: string | null;
  effective_rate: string;
  rate_source: TimeEntryDto['rateSource'];
  amount: string;
  task_type: string;
  note: string | null;
  is_approved: boolean;
  approved_by_id: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  is_invoiced: boolean;
  entry_date: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function selectSql(step: number): string {
  return `select e.id, e.employee_id, emp.first_name || ' ' || emp.last_name as employee_name,
    e.project_id, p.project_number, p.title as project_title, c.id as customer_id, c.name as customer_name, p.project_manager_id,
    e.start_time, e.end_time, e.duration_minutes, ${billedMinutesSql(step)} as billed_minutes,
    e.billable, e.hourly_rate::text as hourly_rate, ${EFFECTIVE_RATE_SQL}::numeric(10,2)::text as effective_rate, ${RATE_SOURCE_SQL} as rate_source,
    ${entryAmountSql(step)}::numeric(12,2)::text as amount,
    e.task_type, e.note, e.is_approved, e.approved_by_id,
    ap.first_name || ' ' || ap.last_name as approved_by_name,
    e.approved_at, e.is_invoiced, to_char(${ENTRY_DATE_SQL}, 'YYYY-MM-DD') as entry_date, e.created_at, e.updated_at, e.version`;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function toDto(r: EntryRow, actor: Actor, lockedUntil: string | null): TimeEntryDto {
  const reason = lockReason({ employeeId: r.employee_id, isInvoiced: r.is_invoiced, isApproved: r.is_approved, entryDate: r.entry_date }, actor, lockedUntil);
  return {
    id: r.id,
    employee: { id: r.employee_id, name: r.employee_name },
    project: r.project_id
      ? {
          id: r.project_id,
          projectNumber: r.project_number ?? '',
          title: r.project_title ?? '',
          customerId: r.customer_id ?? '',
          customerName: r.customer_name ?? '',
          projectManagerId: r.project_manager_id,
        }
      : null,
    startTime: iso(r.start_time) as string,
    endTime: iso(r.end_time),
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    billedMinutes: r.billed_minutes === null ? null : Number(r.billed_minutes),
    billable: r.billable,
    hourlyRate: r.hourly_rate,
    effectiveRate: r.effective_rate,
    rateSource: r.rate_source,
    amount: r.amount,
    taskType: r.task_type,
    note: r.note,
    isApproved: r.is_approved,
    approvedBy: r.approved_by_id ? { id: r.approved_by_id, name: r.approved_by_name ?? '' } : null,
    approvedAt: iso(r.approved_at),
    isInvoiced: r.is_invoiced,
    canEdit: reason === null,
    lockReason: reason,
    canApprove: r.end_time !== null && !r.is_invoiced && mayApprove({ projectManagerId: r.project_manager_id }, actor),
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    version: Number(r.version),
  };
}

/** The lock date, read under a share lock so a concurrent lockPeriod waits for this transaction (and vice versa). */
export async function lockedUntil(em: EntityManager, options: { forShare?: boolean } = {}): Promise<string | null> {
  await loadSettings(em);
  const rows = await em.execute<Array<{ d: string | null }>>(
    `select to_char(time_locked_until, 'YYYY-MM-DD') as d from company_settings where id = 1${options.forShare ? ' for share' : ''}`,
  );
  return rows[0]?.d ?? null;
}

/**
 * How each sort orders; the id runs the same way, so one index serves it. Running timers have
 * no duration yet and come last either way.
 */
const SORTS: Record<EntryListInput['sort'], KeysetSort> = {
  startTime: { value: 'e.start_time', type: 'timestamptz', ties: ['e.id'] },
  durationMinutes: { value: 'e.duration_minutes', type: 'int', nulls: { place: 'last', filler: '0' }, ties: ['e.id'] },
  createdAt: { value: 'e.created_at', type: 'timestamptz', ties: ['e.id'] },
};

/** A page by `page`, or with a cursor the page after it (an index range, however deep). */
export async function listEntries(em: EntityManager, actor: Actor, input: EntryListInput): Promise<TimeEntryPageDto> {
  const settings = await loadSettings(em);
  const step = settings.timeRoundingMinutes;
  const locked = await lockedUntil(em);
  const where = filterSql(actor, input);
  const direction = input.direction === 'asc' ? 'asc' : 'desc';
  const sort = SORTS[input.sort];
  const limit = pageLimitSql(input);
  const after = input.cursor ? keysetAfterSql(sort, direction, input.cursor.key) : null;
  const order = keysetOrderSql(sort, direction);
  // The page is chosen on time_entries alone, then joined: Postgres then reads it from the sort's
  // index and stops after pageSize rows, rather than planning the joins over every entry first.
  const found = await em.execute<Array<EntryRow & Record<string, unknown>>>(
    `${selectSql(step)}, ${keysetSelectSql(sort)}
     from (select e.* from time_entries e where ${where.sql}${after ? ` and ${after.sql}` : ''}
           order by ${order} ${limit.sql}) e
     ${JOINS_SQL} left join employees ap on ap.id = e.approved_by_id
     order by ${order}`,
    [...where.params, ...(after ? after.params : []), ...limit.params],
  );
  const { rows, nextCursor } = pageWithCursor(found, input.pageSize, input.sort, sort, direction);
  // The count needs no joins. Sums over the filtered entries are given for a bounded date range
  // (a month, a year): over a whole unbounded history they would cost a full scan for a figure nobody reads.
  const counted = await em.execute<Array<{ total: string }>>(`select count(*) as total from time_entries e where ${where.sql}`, where.params);
  const bounded = Boolean(input.from && input.to);
  const sums = bounded
    ? (
        await em.execute<Array<{ minutes: string; billable_minutes: string; amount: string }>>(
          `select coalesce(sum(e.duration_minutes), 0) as minutes,
                  coalesce(sum(e.duration_minutes) filter (where e.billable), 0) as billable_minutes,
                  coalesce(sum(${entryAmountSql(step)}), 0)::numeric(14,2)::text as amount
           ${FROM_SQL} where ${where.sql}`,
          where.params,
        )
      )[0]
    : undefined;
  return {
    items: rows.map((r) => toDto(r, actor, locked)),
    total: Number(counted[0]?.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
    nextCursor,
    totalMinutes: sums ? Number(sums.minutes) : null,
    billableMinutes: sums ? Number(sums.billable_minutes) : null,
    billableAmount: sums ? sums.amount : null,
  };
}

/** One entry as this person sees it; entries they may not see are NOT_FOUND (their existence is not revealed). */
export async function getEntry(em: EntityManager, actor: Actor, id: string): Promise<TimeEntryDto> {
  const settings = await loadSettings(em);
  const locked = await lockedUntil(em);
  const visible = visibilitySql(actor);
  const rows = await em.execute<EntryRow[]>(
    `${selectSql(settings.timeRoundingMinutes)} ${FROM_SQL} left join employees ap on ap.id = e.approved_by_id where e.id = ? and ${visible.sql}`,
    [id, ...visible.params],
  );
  const row = rows[0];
  if (!row) throw notFound('Time entry', id);
  return toDto(row, actor, locked);
}

/** The signed-in person's running timer, or null. */
export async function currentTimer(em: EntityManager, actor: Actor): Promise<TimeEntryDto | null> {
  const rows = await em.execute<Array<{ id: string }>>(`select id from time_entries where employee_id = ? and end_time is null`, [actor.id]);
  const id = rows[0]?.id;
  return id ? getEntry(em, actor, id) : null;
}
