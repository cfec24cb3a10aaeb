import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { AppError, appError, notFound } from '@workmate/domain/errors';
import { toCents } from '@workmate/domain/money';
import type { EntryCreateInput, EntryUpdateInput, TimerStartInput } from '@workmate/domain/schemas/time-tracking';
import { MAX_ENTRY_MINUTES, minutesBetween, placeOnDay as placeOnDayRule } from '@workmate/domain/time-rules';
import { checkBudgetWarning } from '../chat/system.ts';
import { loadSettings } from '../core/settings.ts';
import { Employee } from '../entities/employee.ts';
import { Project } from '../entities/project.ts';
import { TimeEntry } from '../entities/time-entry.ts';
import { translateDbError } from '../shared/db-errors.ts';
import { checkVersion } from '../shared/versioning.ts';
import { can, type Actor } from '../shared/actor.ts';
import { lockReason, visibilitySql } from './access.ts';
import type { TimeEntryDto, TimerStopDto } from './dto.ts';
import { getEntry, lockedUntil } from './queries.ts';

/** Client clocks drift: an end up to this far ahead of the server clock still counts as "now". */
const CLOCK_TOLERANCE_MS = 60_000;

const LOCK_CODES = {
  invoiced: 'time.entryInvoicedLocked',
  period: 'time.entryInLockedPeriod',
  approved: 'time.entryApprovedLocked',
  not_yours: 'time.onlyOwnEntries',
} as const;

function refuse(reason: keyof typeof LOCK_CODES): never {
  throw appError(reason === 'not_yours' ? 'FORBIDDEN' : 'CONFLICT', LOCK_CODES[reason], {}, { field: 'id' });
}

function checkPeriod(date: string, locked: string | null, field: string) {
  if (locked && date <= locked) {
    throw appError('CONFLICT', 'time.periodLocked', { locked, date }, { field });
  }
}

/** The rules every finished entry obeys, with messages naming the field. */
function checkTimes(start: Date, end: Date, field: 'endTime' | 'durationMinutes' = 'endTime') {
  if (end.getTime() <= start.getTime()) throw appError('BAD_REQUEST', 'field.afterStart', {}, { field: 'endTime' });
  if (minutesBetween(start, end) > MAX_ENTRY_MINUTES || end.getTime() - start.getTime() > MAX_ENTRY_MINUTES * 60_000) {
    throw appError('BAD_REQUEST', 'time.entryTooLong', {}, { field });
  }
  if (end.getTime() > Date.now() + CLOCK_TOLERANCE_MS) throw appError('BAD_REQUEST', 'time.entryEndsInFuture', {}, { field });
}

/** Refuses an overlap with the employee's other entries, naming the entry in the way (the exclusion constraint backs this up under concurrency). */
async function checkOverlap(em: EntityManager, employeeId: string, start: Date, end: Date | null, exceptId: string | null) {
  const rows = await em.execute<Array<{ id: string; start_time: Date; end_time: Date | null; label: string | null }>>(
    `select e.id, e.start_time, e.end_time, p.project_number || ' ' || p.title as label
       from time_entries e left join projects p on p.id = e.project_id
      where e.employee_id = ? and (?::uuid is null or e.id <> ?::uuid)
        and tstzrange(e.start_time, coalesce(e.end_time, 'infinity'::timestamptz), '[)') && tstzrange(?::timestamptz, coalesce(?::timestamptz, 'infinity'::timestamptz), '[)')
      order by e.start_time limit 1`,
    [employeeId, exceptId, exceptId, start.toISOString(), end?.toISOString() ?? null],
  );
  const other = rows[0];
  if (other) {
    const span = `${formatBerlin(other.start_time)}–${other.end_time ? formatBerlin(other.end_time) : 'running'}`;
    throw appError('CONFLICT', 'time.overlap', { other: `${span}${other.label ? `, ${other.label}` : ''}, id ${other.id}` }, { field: 'startTime' });
  }
}

function formatBerlin(at: Date | string): string {
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
}

async function resolveProject(em: EntityManager, projectId: string | null | undefined): Promise<Project | null | undefined> {
  if (projectId === undefined) return undefined;
  if (projectId === null) return null;
  const project = await em.findOne(Project, { id: projectId, deletedAt: null });
  if (!project) throw appError('BAD_REQUEST', 'project.unknown', {}, { field: 'projectId' });
  return project;
}

async function resolveEmployee(em: EntityManager, actor: Actor, employeeId: string | undefined): Promise<Employee> {
  const id = employeeId ?? actor.id;
  if (id !== actor.id && !can(actor, 'timeTracking.manage')) {
    throw appError('FORBIDDEN', 'time.onlyOwnTime', {}, { field: 'employeeId' });
  }
  const employee = await em.findOne(Employee, { id, deletedAt: null });
  if (!employee) throw appError('BAD_REQUEST', 'employee.unknown', {}, { field: 'employeeId' });
  return employee;
}

/** Today cannot hold more hours than have passed since midnight. */
function moreThanElapsed(day: string, elapsedMinutes: number): AppError {
  const elapsed = `${Math.floor(elapsedMinutes / 60)}:${String(elapsedMinutes % 60).padStart(2, '0')}`;
  return appError('BAD_REQUEST', 'time.moreThanElapsed', { elapsed, day }, { field: 'durationMinutes' });
}

/** Places `minutes` on that Berlin day by the rule in domain `placeOnDay` (working hours first, never in the future). */
async function placeOnDay(em: EntityManager, employeeId: string, day: string, minutes: number): Promise<{ start: Date; end: Date }> {
  const settings = await loadSettings(em);
  const bounds = await em.execute<Array<{ day_start: Date; day_end: Date; workday_start: Date }>>(
    `select (?::date)::timestamp at time zone 'Europe/Berlin' as day_start, (?::date + 1)::timestamp at time zone 'Europe/Berlin' as day_end,
            ((?::date)::timestamp + ?::time) at time zone 'Europe/Berlin' as workday_start`,
    [day, day, day, settings.workdayStart],
  );
  const dayStart = new Date(bounds[0]!.day_start);
  const dayEnd = new Date(bounds[0]!.day_end);
  const taken = await em.execute<Array<{ start_time: Date; end_time: Date | null }>>(
    `select start_time, end_time from time_entries
      where employee_id = ? and start_time < ? and coalesce(end_time, 'infinity'::timestamptz) > ? order by start_time`,
    [employeeId, dayEnd, dayStart],
  );
  const placed = placeOnDayRule({
    minutes,
    dayStart,
    dayEnd,
    workdayStart: new Date(bounds[0]!.workday_start),
    now: new Date(),
    taken: taken.map((t) => ({ start: new Date(t.start_time), end: t.end_time ? new Date(t.end_time) : null })),
  });
  if (placed.ok) return { start: placed.start, end: placed.end };
  if (placed.reason === 'more_than_elapsed') {
    throw moreThanElapsed(day, placed.elapsedMinutes);
  }
  throw appError('CONFLICT', 'time.noFreeGap', { minutes, day }, { field: 'durationMinutes' });
}

/** Serialises the writes of one employee's entries, so the overlap check and the gap search see each other's results. */
async function lockEmployee(em: EntityManager, employeeId: string) {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended('time_entries:' || ?, 0))`, [employeeId]);
}


/**
 * An hourly rate on an entry overrides the project's and the employee's: only holders of
 * timeTracking.rates may set or change it, or anyone could bill their own time at any price.
 * Sending the rate the entry already has (forms send it back unchanged) is no change.
 */
function checkRate(actor: Actor, wanted: string | null | undefined, current: string | null): void {
  if (wanted === undefined || can(actor, 'timeTracking.rates')) return;
  const same = wanted === null || current === null ? wanted === current : toCents(wanted) === toCents(current);
  if (!same) throw appError('FORBIDDEN', 'time.rateNeedsPermission', {}, { field: 'hourlyRate' });
}

function defaultBillable(project: Project | null): boolean {
  return project ? project.billableByDefault : false;
}

export async function createEntry(em: EntityManager, actor: Actor, input: EntryCreateInput): Promise<TimeEntryDto> {
  checkRate(actor, input.hourlyRate, null);
  const id = await em.transactional(async (tx) => {
    const employee = await resolveEmployee(tx, actor, input.employeeId);
    const project = (await resolveProject(tx, input.projectId)) ?? null;
    await lockEmployee(tx, employee.id);
    const locked = await lockedUntil(tx, { forShare: true });
    let start: Date;
    let end: Date;
    if (input.startTime !== undefined && input.endTime !== undefined) {
      start = new Date(input.startTime);
      end = new Date(input.endTime);
      checkTimes(start, end);
    } else {
      const day = input.date as string;
      checkPeriod(day, locked, 'date');
      if (day > berlinDay(new Date())) throw appError('BAD_REQUEST', 'time.entryInFuture', {}, { field: 'date' });
      ({ start, end } = await placeOnDay(tx, employee.id, day, input.durationMinutes as number));
      checkTimes(start, end, 'durationMinutes');
    }
    checkPeriod(berlinDay(start), locked, 'startTime');
    await checkOverlap(tx, employee.id, start, end, null);
    const entry = tx.create(TimeEntry, {
      employee,
      project,
      startTime: start,
      endTime: end,
      durationMinutes: minutesBetween(start, end),
      billable: input.billable ?? defaultBillable(project),
      hourlyRate: input.hourlyRate ?? null,
      taskType: input.taskType,
      note: input.note ?? null,
    });
    await tx.flush();
    await checkBudgetWarning(tx, project?.id);
    return entry.id;
  });
  return getEntry(em, actor, id);
}

/** Loads an entry the person can see, locked for the rest of the transaction. */
export async function loadForChange(em: EntityManager, actor: Actor, id: string): Promise<{ entry: TimeEntry; projectManagerId: string | null }> {
  const visible = visibilitySql(actor);
  const rows = await em.execute<Array<{ id: string; project_manager_id: string | null }>>(
    `select e.id, p.project_manager_id from time_entries e join employees emp on emp.id = e.employee_id left join projects p on p.id = e.project_id
      where e.id = ? and ${visible.sql}`,
    [id, ...visible.params],
  );
  if (!rows[0]) throw notFound('Time entry', id);
  const entry = await em.findOneOrFail(TimeEntry, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  return { entry, projectManagerId: rows[0].project_manager_id };
}

export async function updateEntry(em: EntityManager, actor: Actor, input: EntryUpdateInput): Promise<TimeEntryDto> {
  await em.transactional(async (tx) => {
    const { entry } = await loadForChange(tx, actor, input.id);
    await lockEmployee(tx, entry.employee.id);
    const locked = await lockedUntil(tx, { forShare: true });
    checkVersion(entry, input.version, 'time entry');
    const reason = lockReason({ employeeId: entry.employee.id, isInvoiced: entry.isInvoiced, isApproved: entry.isApproved, entryDate: berlinDay(entry.startTime) }, actor, locked);
    if (reason) refuse(reason);
    checkRate(actor, input.hourlyRate, entry.hourlyRate ?? null);

    let start = input.startTime !== undefined ? new Date(input.startTime) : entry.startTime;
    let end = input.endTime !== undefined ? new Date(input.endTime) : (entry.endTime ?? null);
    if (input.durationMinutes !== undefined && input.endTime === undefined) {
      end = new Date(start.getTime() + input.durationMinutes * 60_000);
      // More hours typed for today's entry (timesheet) would end in the future: it ends this minute
      // instead and starts earlier, on the same day; more than has passed today is refused.
      if (input.startTime === undefined && entry.endTime && end.getTime() > Date.now()) {
        const nowMinute = Math.floor(Date.now() / 60_000) * 60_000;
        const earlier = new Date(nowMinute - input.durationMinutes * 60_000);
        const day = berlinDay(entry.startTime);
        if (berlinDay(earlier) !== day) {
          const midnight = await tx.execute<Array<{ at: Date }>>(`select (?::date)::timestamp at time zone 'Europe/Berlin' as at`, [day]);
          const elapsed = Math.max(0, Math.floor((nowMinute - new Date(midnight[0]!.at).getTime()) / 60_000));
          throw moreThanElapsed(day, elapsed);
        }
        start = earlier;
        end = new Date(nowMinute);
      }
    }
    const timesChanged = start.getTime() !== entry.startTime.getTime() || (end?.getTime() ?? null) !== (entry.endTime?.getTime() ?? null);
    if (timesChanged) {
      if (end === null) throw appError('BAD_REQUEST', 'time.stopRunningTimer', {}, { field: 'endTime' });
      checkTimes(start, end, input.durationMinutes !== undefined && input.endTime === undefined ? 'durationMinutes' : 'endTime');
      checkPeriod(berlinDay(start), locked, 'startTime');
      await checkOverlap(tx, entry.employee.id, start, end, entry.id);
      entry.startTime = start;
      entry.endTime = end;
      entry.durationMinutes = minutesBetween(start, end);
    }
    const project = await resolveProject(tx, input.projectId);
    if (project !== undefined) entry.project = project;
    if (input.billable !== undefined) entry.billable = input.billable;
    if (input.hourlyRate !== undefined) entry.hourlyRate = input.hourlyRate;
    if (input.taskType !== undefined) entry.taskType = input.taskType;
    if (input.note !== undefined) entry.note = input.note;
    await tx.flush();
    await checkBudgetWarning(tx, entry.project?.id);
  });
  return getEntry(em, actor, input.id);
}

export async function deleteEntry(em: EntityManager, actor: Actor, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const { entry } = await loadForChange(tx, actor, id);
    const locked = await lockedUntil(tx, { forShare: true });
    const reason = lockReason({ employeeId: entry.employee.id, isInvoiced: entry.isInvoiced, isApproved: entry.isApproved, entryDate: berlinDay(entry.startTime) }, actor, locked);
    if (reason) refuse(reason);
    tx.remove(entry);
    await tx.flush();
  });
}

async function runningEntryMessage(em: EntityManager, employeeId: string): Promise<AppError> {
  const rows = await em.execute<Array<{ id: string; start_time: Date; label: string | null }>>(
    `select e.id, e.start_time, p.project_number || ' ' || p.title as label from time_entries e left join projects p on p.id = e.project_id
      where e.employee_id = ? and e.end_time is null`,
    [employeeId],
  );
  const r = rows[0];
  if (!r) return appError('CONFLICT', 'time.timerAlreadyRunning', {}, { field: 'projectId' });
  const since = formatBerlin(r.start_time);
  return r.label
    ? appError('CONFLICT', 'time.timerRunningOnProject', { since, project: r.label, id: r.id }, { field: 'projectId' })
    : appError('CONFLICT', 'time.timerRunningInternal', { since, id: r.id }, { field: 'projectId' });
}

/** Opens a running entry for the signed-in person. The partial unique index lets at most one exist. */
export async function startTimer(em: EntityManager, actor: Actor, input: TimerStartInput): Promise<TimeEntryDto> {
  let id: string;
  try {
    id = await em.transactional(async (tx) => {
      const employee = await resolveEmployee(tx, actor, undefined);
      const project = (await resolveProject(tx, input.projectId)) ?? null;
      const locked = await lockedUntil(tx, { forShare: true });
      const now = new Date();
      checkPeriod(berlinDay(now), locked, 'startTime');
      const entry = tx.create(TimeEntry, {
        employee,
        project,
        startTime: now,
        endTime: null,
        durationMinutes: null,
        billable: input.billable ?? defaultBillable(project),
        taskType: input.taskType,
        note: input.note ?? null,
      });
      await tx.flush();
      return entry.id;
    });
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint ?? (error as { cause?: { constraint?: string } }).cause?.constraint;
    if (error instanceof UniqueConstraintViolationException && constraint === 'time_entries_one_running_timer') throw await runningEntryMessage(em.fork(), actor.id);
    if (constraint === 'time_entries_no_overlap') throw await runningEntryMessage(em.fork(), actor.id);
    throw translateDbError(error);
  }
  return getEntry(em, actor, id);
}

/** Stops the running timer at the server's clock; a timer left running over 24 hours ends at start + 24 h. */
export async function stopTimer(em: EntityManager, actor: Actor, input: { note?: string | null }): Promise<TimerStopDto> {
  const result = await em.transactional(async (tx) => {
    const entry = await tx.findOne(TimeEntry, { employee: actor.id, endTime: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!entry) throw appError('NOT_FOUND', 'time.noTimer', {}, { field: 'id' });
    const now = new Date();
    const limit = new Date(entry.startTime.getTime() + MAX_ENTRY_MINUTES * 60_000);
    const capped = now.getTime() > limit.getTime();
    // A timer stopped within the same millisecond it started still needs end > start.
    const end = capped ? limit : new Date(Math.max(now.getTime(), entry.startTime.getTime() + 1));
    entry.endTime = end;
    entry.durationMinutes = minutesBetween(entry.startTime, end);
    if (input.note) entry.note = input.note;
    await tx.flush();
    await checkBudgetWarning(tx, entry.project?.id);
    return { id: entry.id, capped };
  });
  return { entry: await getEntry(em, actor, result.id), capped: result.capped };
}
