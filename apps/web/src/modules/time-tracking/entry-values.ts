import { EntryCreateInput, EntryUpdateInput } from '@workmate/domain/schemas/time-tracking';
import type { Lang } from '../../i18n/i18n.tsx';
import { berlinDay, berlinLocalToIso, isoToBerlinLocal, nowBerlinLocal } from '@workmate/domain/berlin-time';
import { formatMinutes, parseDuration } from '../../lib/duration.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import type { RouterOutputs } from '../../trpc.ts';
import { zodFieldErrors } from '../../ui/use-form.ts';

export type Entry = RouterOutputs['timeTracking']['entries']['list']['items'][number];
export type EntryMode = 'range' | 'duration';

/** The form's values; a manual entry is either start + end or a day + a duration. */
export function entryValues(entry: Entry | undefined, lang: Lang) {
  const end = new Date();
  const start = new Date(end.getTime() - 60 * 60_000);
  return {
    mode: 'range' as EntryMode,
    employeeId: entry?.employee.id ?? '',
    projectId: entry?.project?.id ?? '',
    taskType: entry?.taskType ?? 'development',
    billable: entry ? String(entry.billable) : '',
    hourlyRate: entry?.hourlyRate ? (lang === 'de' ? entry.hourlyRate.replace('.', ',') : entry.hourlyRate) : '',
    note: entry?.note ?? '',
    startTime: entry ? isoToBerlinLocal(entry.startTime) : nowBerlinLocal(start),
    endTime: entry?.endTime ? isoToBerlinLocal(entry.endTime) : nowBerlinLocal(end),
    date: berlinDay(entry ? new Date(entry.startTime) : end),
    duration: entry?.durationMinutes ? formatMinutes(entry.durationMinutes) : '',
  };
}
export type EntryValues = ReturnType<typeof entryValues>;

type Result<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Server and schema errors about `durationMinutes` belong to the form's `duration` field. */
export function toFormErrors(errors: FieldErrors): FieldErrors {
  const { durationMinutes, ...rest } = errors;
  return durationMinutes ? { ...rest, duration: [...(rest.duration ?? []), ...durationMinutes] } : rest;
}

/** The times of the chosen mode, or the field errors a person can fix. */
function times(v: EntryValues, invalidTime: string, invalidDuration: string): Result<Record<string, unknown>> {
  if (v.mode === 'duration') {
    const minutes = parseDuration(v.duration);
    if (minutes === null || minutes === 0) return { ok: false, errors: { duration: [invalidDuration] } };
    return { ok: true, data: { date: v.date, durationMinutes: minutes } };
  }
  const startTime = berlinLocalToIso(v.startTime);
  const endTime = berlinLocalToIso(v.endTime);
  const errors: FieldErrors = {};
  if (!startTime) errors.startTime = [invalidTime];
  if (!endTime) errors.endTime = [invalidTime];
  if (!startTime || !endTime) return { ok: false, errors };
  return { ok: true, data: { startTime, endTime } };
}

const shared = (v: EntryValues) => ({
  projectId: v.projectId || null,
  taskType: v.taskType,
  note: v.note,
  hourlyRate: v.hourlyRate,
});

export function toCreateInput(v: EntryValues, messages: { invalidTime: string; invalidDuration: string }): Result<EntryCreateInput> {
  const t = times(v, messages.invalidTime, messages.invalidDuration);
  if (!t.ok) return t;
  const parsed = EntryCreateInput.safeParse({
    ...shared(v),
    ...t.data,
    employeeId: v.employeeId || undefined,
    billable: v.billable === '' ? undefined : v.billable === 'true',
  });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: toFormErrors(zodFieldErrors(parsed.error)) };
}

/** Only what changed; in duration mode the start stays and the end moves. */
export function toUpdateInput(entry: Entry, v: EntryValues, initial: EntryValues, messages: { invalidTime: string; invalidDuration: string }): Result<EntryUpdateInput | null> {
  const base = shared(v);
  // Note and rate always travel: EntryUpdateInput turns a missing one into null, which clears it.
  const changes: Record<string, unknown> = {};
  const keep = { note: base.note, hourlyRate: base.hourlyRate };
  if (v.projectId !== initial.projectId) changes.projectId = base.projectId;
  if (v.taskType !== initial.taskType) changes.taskType = base.taskType;
  if (v.note !== initial.note) changes.note = base.note;
  if (v.hourlyRate !== initial.hourlyRate) changes.hourlyRate = base.hourlyRate;
  if (v.billable !== initial.billable) changes.billable = v.billable === 'true';
  const timesChanged = v.mode === 'duration' ? v.duration !== initial.duration : v.startTime !== initial.startTime || v.endTime !== initial.endTime;
  if (timesChanged) {
    const t = times(v, messages.invalidTime, messages.invalidDuration);
    if (!t.ok) return t;
    if (v.mode === 'duration') changes.durationMinutes = t.data.durationMinutes;
    else Object.assign(changes, t.data);
  }
  if (!Object.keys(changes).length) return { ok: true, data: null };
  const parsed = EntryUpdateInput.safeParse({ id: entry.id, version: entry.version, ...keep, ...changes });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: toFormErrors(zodFieldErrors(parsed.error)) };
}
