/**
 * The company's calendar: it works in Europe/Berlin. Instants are stored in UTC; calendar days
 * (YYYY-MM-DD) and wall-clock times people type or read are Berlin's. One pure module for the
 * API, the worker and the web app, so a day boundary is computed the same way everywhere.
 */

export const COMPANY_TIME_ZONE = 'Europe/Berlin';

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: COMPANY_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallClock(date: Date) {
  const parts = Object.fromEntries(partsFormatter.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes Berlin is ahead of UTC at the given instant (60 or 120). */
function offsetMinutes(date: Date): number {
  const w = wallClock(date);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The Berlin calendar day (YYYY-MM-DD) of an instant; today without an argument. */
export function berlinDay(date: Date | string = new Date()): string {
  const w = wallClock(typeof date === 'string' ? new Date(date) : date);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The Berlin calendar year of an instant (a number series restarts with it). */
export function berlinYear(date: Date = new Date()): number {
  return wallClock(date).year;
}

/**
 * `2026-03-29T14:30` (Berlin wall clock, as a `datetime-local` input gives it, whatever the
 * browser's own time zone is) → `2026-03-29T14:30:00+02:00`; null if the text is not a date-time.
 */
export function berlinLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let offset = offsetMinutes(new Date(guess));
  offset = offsetMinutes(new Date(guess - offset * 60_000));
  const sign = offset >= 0 ? '+' : '-';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The current Berlin wall-clock time as a `datetime-local` value. */
export function nowBerlinLocal(date = new Date()): string {
  const w = wallClock(date);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** An ISO instant as a `datetime-local` value in Berlin wall-clock time. */
export function isoToBerlinLocal(iso: string): string {
  return nowBerlinLocal(new Date(iso));
}

/** Calendar arithmetic on `YYYY-MM-DD` strings (no time zone involved), e.g. a due date. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Monday of the (ISO) week that contains `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** First and last day of the month `offset` months from the one containing `day`. */
export function monthRange(day: string, offset = 0): { from: string; to: string } {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + offset);
  const from = d.toISOString().slice(0, 10);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return { from, to: addDays(d.toISOString().slice(0, 10), -1) };
}
