/**
 * Pure rules of time tracking. The database applies the same rules in SQL (see
 * packages/db/src/shared/time-entry-sql.ts); tests check both agree.
 */
import { divRound, fromCents, toCents } from './money.ts';
import type { TimeRoundingStep } from './enums.ts';

export const MAX_ENTRY_MINUTES = 24 * 60;

/** Minutes billed for a recorded duration: rounded up to the company's step; the recorded time stays as it is. */
export function billedMinutes(durationMinutes: number, step: TimeRoundingStep | number): number {
  if (!step) return durationMinutes;
  return Math.ceil(durationMinutes / step) * step;
}

/** The rate that applies: the entry's own, else the project's, else the employee's default, else 0. */
export function resolveRate(entryRate: string | null, projectRate: string | null, employeeRate: string | null): { rate: string; source: 'entry' | 'project' | 'employee' | 'none' } {
  if (entryRate != null) return { rate: entryRate, source: 'entry' };
  if (projectRate != null) return { rate: projectRate, source: 'project' };
  if (employeeRate != null) return { rate: employeeRate, source: 'employee' };
  return { rate: '0.00', source: 'none' };
}

/** Amount for billed minutes at an hourly rate, rounded to the cent. */
export function amountFor(minutes: number, hourlyRate: string): string {
  return fromCents(divRound(BigInt(minutes) * toCents(hourlyRate), 60n));
}

/** Whole minutes between two instants (true elapsed time, so daylight-saving changes count right). */
export function minutesBetween(start: Date, end: Date): number {
  return Math.round((end.getTime() - start.getTime()) / 60_000);
}

/** Minutes as "7,50" hours (German decimal comma, two places). */
export function hoursDecimalComma(minutes: number): string {
  return hoursFromMinutes(minutes).replace('.', ',');
}

/** Minutes as hours with two decimals and a point ("7.50"), exact. */
export function hoursFromMinutes(minutes: number): string {
  return fromCents(divRound(BigInt(minutes) * 100n, 60n));
}

/** A calendar day (YYYY-MM-DD) as people read it: 20.11.2026 in German, 20 Nov 2026 in English. No time-zone shift. */
export function showDay(day: string, language: 'de' | 'en'): string {
  const [y, m, d] = day.split('-');
  if (language === 'de') return `${d}.${m}.${y}`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1];
  return `${Number(d)} ${month} ${y}`;
}

/** A company's working day starts at this time unless the settings say otherwise. */
export const DEFAULT_WORKDAY_START = '08:00';

export interface DayPlacementInput {
  /** Length of the new entry in whole minutes. */
  minutes: number;
  /** Midnight at the start and at the end of that Berlin day (25 or 23 hours apart on switch days). */
  dayStart: Date;
  dayEnd: Date;
  /** The company's working-day start on that day (settings `workdayStart`, e.g. 08:00 Berlin). */
  workdayStart: Date;
  now: Date;
  /** The employee's entries that touch the day; a running timer has no end. */
  taken: Array<{ start: Date; end: Date | null }>;
}

export type DayPlacement =
  | { ok: true; start: Date; end: Date }
  | { ok: false; reason: 'more_than_elapsed'; elapsedMinutes: number }
  | { ok: false; reason: 'no_gap' };

/**
 * Where hours typed for a day (timesheet cell, or a date + duration) go: from the working-day
 * start, in the first free gap after the day's other entries, so nothing overlaps. An entry
 * never ends in the future: when that placement would, it ends at the latest free moment
 * before now (the current minute) instead. Today cannot hold more hours than have passed since
 * midnight; that is refused rather than silently cut.
 */
export function placeOnDay(input: DayPlacementInput): DayPlacement {
  const need = input.minutes * 60_000;
  const dayStart = input.dayStart.getTime();
  const isToday = input.now.getTime() < input.dayEnd.getTime();
  // Whole minutes only: an entry ending at the current minute is "now", never ahead of the clock.
  const limit = isToday ? Math.floor(input.now.getTime() / 60_000) * 60_000 : input.dayEnd.getTime();
  if (isToday && need > limit - dayStart) {
    return { ok: false, reason: 'more_than_elapsed', elapsedMinutes: Math.max(0, Math.floor((limit - dayStart) / 60_000)) };
  }
  const gaps = freeGaps(dayStart, limit, input.taken);
  const from = Math.max(dayStart, input.workdayStart.getTime());
  for (const gap of gaps) {
    const start = Math.max(gap.start, from);
    if (gap.end - start >= need) return { ok: true, start: new Date(start), end: new Date(start + need) };
  }
  for (const gap of [...gaps].reverse()) {
    if (gap.end - gap.start >= need) return { ok: true, start: new Date(gap.end - need), end: new Date(gap.end) };
  }
  return { ok: false, reason: 'no_gap' };
}

/** The free stretches of [from, to) between the given entries, in time order. */
function freeGaps(from: number, to: number, taken: DayPlacementInput['taken']): Array<{ start: number; end: number }> {
  const sorted = taken
    .map((t) => ({ start: t.start.getTime(), end: t.end ? t.end.getTime() : Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.start - b.start);
  const gaps: Array<{ start: number; end: number }> = [];
  let cursor = from;
  for (const t of sorted) {
    if (t.start > cursor) gaps.push({ start: cursor, end: Math.min(t.start, to) });
    cursor = Math.max(cursor, t.end);
    if (cursor >= to) break;
  }
  if (cursor < to) gaps.push({ start: cursor, end: to });
  return gaps.filter((g) => g.end > g.start);
}
