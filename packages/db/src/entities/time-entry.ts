import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TASK_TYPES } from '@workmate/domain/enums';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';
import { InvoiceLine } from './invoice-line.ts';
import { Project } from './project.ts';

/**
 * Worked time. A running timer has no end. Postgres itself guarantees the rules that must hold
 * under concurrency: one running timer per employee (partial unique index) and no two entries of
 * one employee overlapping (exclusion constraint over the time range, btree_gist).
 */
export const TimeEntry = defineEntity({
  name: 'TimeEntry',
  tableName: 'time_entries',
  checks: [
    { name: 'time_entries_end_after_start', expression: 'end_time is null or end_time > start_time' },
    { name: 'time_entries_at_most_24h', expression: 'end_time is null or extract(epoch from end_time) - extract(epoch from start_time) <= 86400' },
    { name: 'time_entries_duration_range', expression: 'duration_minutes is null or (duration_minutes >= 0 and duration_minutes <= 1440)' },
    { name: 'time_entries_duration_when_finished', expression: '(end_time is null) = (duration_minutes is null)' },
    { name: 'time_entries_rate_not_negative', expression: 'hourly_rate is null or hourly_rate >= 0' },
  ],
  properties: {
    id: idColumn(),
    employee: () => p.manyToOne(Employee),
    project: () => p.manyToOne(Project).nullable(),
    startTime: p.datetime().columnType('timestamptz'),
    endTime: p.datetime().columnType('timestamptz').nullable(),
    durationMinutes: p.integer().nullable(),
    billable: p.boolean().default(true),
    /** The entry's own rate; when empty the project's, then the employee's default applies. */
    hourlyRate: p.decimal('string').precision(10).scale(2).nullable(),
    taskType: p.enum(TASK_TYPES).default('development'),
    note: p.text().nullable(),
    isApproved: p.boolean().default(false),
    approvedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    approvedAt: p.datetime().columnType('timestamptz').nullable(),
    /** Set by invoicing; an invoiced entry is locked for everyone. */
    isInvoiced: p.boolean().default(false),
    /** The invoice line that bills this entry; a trigger keeps `is_invoiced` in step with it. */
    invoiceLine: () => p.manyToOne(InvoiceLine).nullable().deleteRule('set null').index(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [
    { name: 'time_entries_employee_start_index', properties: ['employee', 'startTime'] },
    { name: 'time_entries_project_start_index', properties: ['project', 'startTime'] },
    // Keyset pagination: each list sort with the id after it (shared/keyset.ts builds the matching order);
    // running timers (no duration) go last in both directions, hence two duration indexes.
    { name: 'time_entries_start_id_index', properties: ['startTime', 'id'] },
    { name: 'time_entries_created_at_index', properties: ['createdAt', 'id'] },
    { name: 'time_entries_duration_asc_index', expression: `create index "time_entries_duration_asc_index" on "time_entries" (("duration_minutes" is null), coalesce("duration_minutes", 0), "id")` },
    { name: 'time_entries_duration_desc_index', expression: `create index "time_entries_duration_desc_index" on "time_entries" (("duration_minutes" is not null), coalesce("duration_minutes", 0), "id")` },
    {
      name: 'time_entries_one_running_timer',
      expression: 'create unique index "time_entries_one_running_timer" on "time_entries" ("employee_id") where "end_time" is null',
    },
    {
      name: 'time_entries_no_overlap',
      // Written the way Postgres prints it back, so schema diffs see no change.
      expression: `alter table "time_entries" add constraint "time_entries_no_overlap" EXCLUDE USING gist (employee_id WITH =, tstzrange(start_time, COALESCE(end_time, 'infinity'::timestamp with time zone), '[)'::text) WITH &&)`,
    },
  ],
});
export type TimeEntry = InferEntity<typeof TimeEntry>;
