/**
 * The periods of a recurring invoice, as Berlin calendar days (`YYYY-MM-DD`). Pure: the API
 * shows them, the worker bills them, and both count them the same way.
 *
 * A template starts on an anchor day (its start date). Period n starts n intervals later on the
 * anchor's day of the month, or on the last day of a month that has no such day: a start on
 * 31 January gives 28/29 February, then 31 March again (the anchor is kept, not the clamped day).
 * A period ends the day before the next one starts.
 */

export const RECURRING_INTERVALS = ['monthly', 'quarterly', 'yearly'] as const;
export type RecurringInterval = (typeof RECURRING_INTERVALS)[number];

const MONTHS: Record<RecurringInterval, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** How many calendar months one period of the interval spans. */
export const monthsOf = (interval: RecurringInterval): number => MONTHS[interval];

export interface RecurringPeriod {
  /** 0 for the period that begins on the start date. */
  index: number;
  /** First day of the period (inclusive): the invoice's service period begins here. */
  start: string;
  /** Last day of the period (inclusive). */
  end: string;
}

function parts(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a calendar day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `anchor` moved by whole months, keeping the anchor's day where the month has it and the month's last day where it does not. */
export function addMonthsKeepingDay(anchor: string, months: number): string {
  const [y, m, d] = parts(anchor);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDayOfMonth(year, month)))}`;
}

function addOneDay(day: string, delta: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + delta)).toISOString().slice(0, 10);
}

/** The period with the given index of a schedule that starts on `startDate`. */
export function periodAt(startDate: string, interval: RecurringInterval, index: number): RecurringPeriod {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`not a period index: ${index}`);
  const step = monthsOf(interval);
  const start = addMonthsKeepingDay(startDate, index * step);
  const end = addOneDay(addMonthsKeepingDay(startDate, (index + 1) * step), -1);
  return { index, start, end };
}

/** The first period that starts on or after `day` (the start date's period when `day` lies before it). */
export function periodStartingOnOrAfter(startDate: string, interval: RecurringInterval, day: string): RecurringPeriod {
  if (day <= startDate) return periodAt(startDate, interval, 0);
  const [sy, sm] = parts(startDate);
  const [y, m] = parts(day);
  // An estimate from whole months, one period early at most; then step forward.
  let index = Math.max(0, Math.floor((y * 12 + m - (sy * 12 + sm)) / monthsOf(interval)) - 1);
  let period = periodAt(startDate, interval, index);
  while (period.start < day) period = periodAt(startDate, interval, ++index);
  return period;
}

export interface Schedule {
  startDate: string;
  endDate: string | null;
  interval: RecurringInterval;
}

/**
 * The start of the first period to bill at or after `from` (the template's start date for a new
 * template), or null when the schedule has ended: a period is billed when it starts on or before
 * the end date.
 */
export function nextPeriodStart(schedule: Schedule, from: string): string | null {
  const period = periodStartingOnOrAfter(schedule.startDate, schedule.interval, from);
  if (schedule.endDate !== null && period.start > schedule.endDate) return null;
  return period.start;
}

/**
 * The periods due on `today`, beginning with the one that starts on `nextDate`: every period
 * that has started by today (the invoice is written at the start of its period) and by the end
 * date. After an outage this is every missed period, oldest first; at most `limit` of them.
 */
export function duePeriods(schedule: Schedule, nextDate: string | null, today: string, limit = 1000): RecurringPeriod[] {
  if (nextDate === null) return [];
  const due: RecurringPeriod[] = [];
  let period = periodStartingOnOrAfter(schedule.startDate, schedule.interval, nextDate);
  while (due.length < limit && period.start <= today && (schedule.endDate === null || period.start <= schedule.endDate)) {
    due.push(period);
    period = periodAt(schedule.startDate, schedule.interval, period.index + 1);
  }
  return due;
}
