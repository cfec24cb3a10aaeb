import { z } from 'zod';
import { TASK_TYPES } from '../enums.ts';
import { MAX_ENTRY_MINUTES } from '../time-rules.ts';
import { cursorField, cursorMatchesSort, type KeyKind } from './cursor.ts';
import { date, Id, instant, optionalMoney, optionalText, Page, SortDirection, updateFields, Version } from './common.ts';

const entryFields = {
  /** Defaults to the signed-in employee; others need `timeTracking.manage`. */
  employeeId: Id.optional(),
  /** Empty for internal time. */
  projectId: Id.nullish(),
  billable: z.boolean().optional(),
  hourlyRate: optionalMoney(100_000),
  taskType: z.enum(TASK_TYPES).default('development'),
  note: optionalText(5000),
};

const duration = z
  .int({ error: 'must be a whole number of minutes' })
  .min(1, { error: 'must be at least 1 minute' })
  .max(MAX_ENTRY_MINUTES, { error: 'must be at most 24 hours (1440 minutes)' });

/**
 * A manual entry: either start and end, or a date and a duration (placed in the first free gap of
 * that day, from midnight Europe/Berlin).
 */
export const EntryCreateInput = z
  .object({
    ...entryFields,
    startTime: instant.optional(),
    endTime: instant.optional(),
    date: date.optional(),
    durationMinutes: duration.optional(),
  })
  .superRefine((v, ctx) => {
    const byTimes = v.startTime !== undefined || v.endTime !== undefined;
    const byDuration = v.date !== undefined || v.durationMinutes !== undefined;
    if (byTimes && byDuration) {
      ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'give either start and end, or a date and a duration, not both' });
      return;
    }
    if (!byTimes && !byDuration) {
      ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'is required (or give a date and a duration)' });
      return;
    }
    if (byTimes) {
      if (v.startTime === undefined) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'is required' });
      if (v.endTime === undefined) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'is required' });
    } else {
      if (v.date === undefined) ctx.addIssue({ code: 'custom', path: ['date'], message: 'is required' });
      if (v.durationMinutes === undefined) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'is required' });
    }
  });
export type EntryCreateInput = z.infer<typeof EntryCreateInput>;

/** Change an entry. Sending `durationMinutes` without `endTime` keeps the start and moves the end. */
export const EntryUpdateInput = z.object({
  id: Id,
  version: Version,
  ...updateFields({
    projectId: Id.nullable(),
    billable: z.boolean(),
    hourlyRate: optionalMoney(100_000),
    taskType: z.enum(TASK_TYPES),
    note: optionalText(5000),
    startTime: instant,
    endTime: instant,
    durationMinutes: duration,
  }),
});
export type EntryUpdateInput = z.infer<typeof EntryUpdateInput>;

/** The filters shared by the list, the summary and the CSV export. Dates are Europe/Berlin calendar days, both inclusive. */
export const EntryFilter = z
  .object({
    employeeId: Id.optional(),
    projectId: Id.optional(),
    customerId: Id.optional(),
    /** Only time without a project. */
    internal: z.boolean().optional(),
    from: date.optional(),
    to: date.optional(),
    billable: z.boolean().optional(),
    approved: z.boolean().optional(),
    invoiced: z.boolean().optional(),
    /** Only entries this person may approve or unapprove (finished, not invoiced, and theirs to approve). */
    approvable: z.boolean().optional(),
    /** Include running timers (lists only; reports count finished entries). */
    running: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start of the range' });
  });
export type EntryFilter = z.infer<typeof EntryFilter>;

export const ENTRY_SORTS = ['startTime', 'durationMinutes', 'createdAt'] as const;
/** An entry cursor's key per sort: the sort value, then the id. */
export const ENTRY_CURSOR_KEYS: Record<(typeof ENTRY_SORTS)[number], readonly KeyKind[]> = {
  startTime: ['instant', 'id'],
  durationMinutes: ['int?', 'id'],
  createdAt: ['instant', 'id'],
};
export const EntryListInput = z.intersection(
  EntryFilter,
  Page.extend({
    pageSize: z.int().min(1).max(500).default(50),
    sort: z.enum(ENTRY_SORTS).default('startTime'),
    direction: SortDirection.default('desc'),
    /** The previous page's `nextCursor`: the page after it, read from an index (page is then ignored). */
    cursor: cursorField(ENTRY_CURSOR_KEYS),
  }).superRefine(cursorMatchesSort),
);
export type EntryListInput = z.infer<typeof EntryListInput>;

export const TimerStartInput = z.object({
  projectId: Id.nullish(),
  billable: z.boolean().optional(),
  taskType: z.enum(TASK_TYPES).default('development'),
  note: optionalText(5000),
});
export type TimerStartInput = z.infer<typeof TimerStartInput>;

export const TimerStopInput = z.object({ note: optionalText(5000) }).default({ note: null });

export const ApproveInput = z.object({ ids: z.array(Id).min(1, { error: 'select at least one entry' }).max(500) });
export type ApproveInput = z.infer<typeof ApproveInput>;

export const SUMMARY_GROUPS = ['project', 'employee', 'customer', 'day', 'week', 'month'] as const;
export const SummaryInput = z.intersection(EntryFilter, z.object({ groupBy: z.enum(SUMMARY_GROUPS).default('project') }));
export type SummaryInput = z.infer<typeof SummaryInput>;

export const ExportCsvInput = EntryFilter;

export const LockPeriodInput = z.object({
  /** Entries dated up to and including this day (Europe/Berlin) are locked; null lifts the lock. */
  lockedUntil: date.nullable(),
});
export type LockPeriodInput = z.infer<typeof LockPeriodInput>;
