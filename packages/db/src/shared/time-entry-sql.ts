/**
 * SQL pieces shared by time-entry lists, summaries and project statistics, so every figure is
 * computed the same way, in Postgres numeric (exact), never in JS floats. They expect the aliases
 * `e` (time_entries), `p` (projects, left joined) and `emp` (employees).
 * The same rules in TypeScript: packages/domain/src/time-rules.ts.
 * It lives in shared/ because time tracking, projects, invoices and the chat's budget warning
 * all use it; inside time-tracking/ it made chat and time tracking import each other.
 */
import { TIME_ROUNDING_STEPS } from '@workmate/domain/enums';

export const BERLIN_TODAY_SQL = `(now() at time zone 'Europe/Berlin')::date`;

/** The calendar day (Europe/Berlin) an entry is dated by: the day it started. */
export const ENTRY_DATE_SQL = `(e.start_time at time zone 'Europe/Berlin')::date`;

function checkedStep(step: number): number {
  if (!(TIME_ROUNDING_STEPS as readonly number[]).includes(step)) throw new Error(`Unsupported rounding step ${step}`);
  return step;
}

/** Recorded minutes rounded up to the company's billing step (the recorded times stay untouched). */
export function billedMinutesSql(step: number): string {
  const s = checkedStep(step);
  return s === 0 ? 'e.duration_minutes' : `(ceil(e.duration_minutes / ${s}.0) * ${s})::int`;
}

/** The entry's rate, else the project's, else the employee's default. */
export const EFFECTIVE_RATE_SQL = 'coalesce(e.hourly_rate, p.hourly_rate, emp.default_hourly_rate, 0)';
export const RATE_SOURCE_SQL = `case when e.hourly_rate is not null then 'entry' when p.hourly_rate is not null then 'project' when emp.default_hourly_rate is not null then 'employee' else 'none' end`;

/** Billable amount of one finished entry, rounded to the cent (half away from zero). */
export function entryAmountSql(step: number): string {
  return `(case when e.billable and e.duration_minutes is not null then round(${billedMinutesSql(step)} * ${EFFECTIVE_RATE_SQL} / 60, 2) else 0 end)`;
}
