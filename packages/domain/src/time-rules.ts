/**
 * Pure rules of time tracking. The database applies the same rules in SQL (see
 * packages/db/src/time-tracking/sql.ts); tests check both agree.
 */
import { divRound, fromCents, toCents } from './money.ts';
import type { TimeRoundingStep } from './enums.ts';

export const MAX_ENTRY_MINUTES = 24 * 60;
export const COMPANY_TIME_ZONE = 'Europe/Berlin';

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

/** The calendar date (YYYY-MM-DD) of an instant in the company's time zone. */
export function berlinDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
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
