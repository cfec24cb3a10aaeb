import { addDays, berlinDay, berlinLocalToIso } from './berlin-time.ts';

/**
 * Service-level clocks of a ticket, measured in business time (issue 18). Pure: every function
 * takes "now" as an argument, so tests run under a fake clock and the API, worker and web app
 * agree to the millisecond.
 *
 * Business time is the working hours of the company's calendar (Mon–Fri 08:00–17:00
 * Europe/Berlin unless the settings say otherwise) without public holidays. Each day's window is
 * turned into UTC instants from its Berlin wall-clock times, so a day on which the clocks change
 * (last Sunday of March/October) still has exactly its working hours: a clock that runs over a
 * DST weekend loses no hour and gains none.
 */

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATUSES = ['new', 'open', 'waiting_customer', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which both clocks stand still (waiting for the customer, on hold). */
export const PAUSE_STATUSES: readonly TicketStatus[] = ['waiting_customer', 'on_hold'];
/** Statuses in which the ticket is done: the resolution clock stops (and restarts if reopened). */
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

/** Where a ticket may go from each status. */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'waiting_customer', 'on_hold', 'resolved', 'closed'],
  open: ['waiting_customer', 'on_hold', 'resolved', 'closed'],
  waiting_customer: ['open', 'on_hold', 'resolved', 'closed'],
  on_hold: ['open', 'waiting_customer', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export interface SlaTarget {
  /** Business minutes until the first external reply. */
  firstResponseMinutes: number;
  /** Business minutes until the ticket is resolved. */
  resolutionMinutes: number;
}

export const DEFAULT_SLA_TARGETS: Record<TicketPriority, SlaTarget> = {
  urgent: { firstResponseMinutes: 60, resolutionMinutes: 4 * 60 },
  high: { firstResponseMinutes: 4 * 60, resolutionMinutes: 2 * 9 * 60 },
  normal: { firstResponseMinutes: 9 * 60, resolutionMinutes: 5 * 9 * 60 },
  low: { firstResponseMinutes: 2 * 9 * 60, resolutionMinutes: 10 * 9 * 60 },
};

export interface BusinessCalendar {
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workDays: readonly number[];
  /** Start and end of the working day, Berlin wall clock, `HH:MM`. */
  dayStart: string;
  dayEnd: string;
  /** Days off (`YYYY-MM-DD`, Berlin), e.g. public holidays. */
  holidays: readonly string[];
}

export const DEFAULT_CALENDAR: BusinessCalendar = { workDays: [1, 2, 3, 4, 5], dayStart: '08:00', dayEnd: '17:00', holidays: [] };

/** A stretch in which a clock stands still; `to: null` = still paused. */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** A calendar without a working minute would make every search endless; refuse it up front. */
export function calendarProblem(cal: BusinessCalendar): string | null {
  if (!cal.workDays.length) return 'workDays';
  if (cal.dayEnd <= cal.dayStart) return 'dayEnd';
  return null;
}

const MINUTE = 60_000;
/** How far a search walks (ten years): a target never needs more, and a bad calendar cannot loop forever. */
const MAX_DAYS = 3660;

function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function instantAt(day: string, time: string): number {
  const iso = berlinLocalToIso(`${day}T${time}`);
  if (!iso) throw new Error(`not a time of day: ${time}`);
  return Date.parse(iso);
}

/** The working windows [start, end) in UTC milliseconds, from the Berlin day of `from` on. */
function* workWindows(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  const holidays = new Set(cal.holidays);
  let day = berlinDay(new Date(from));
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    if (!cal.workDays.includes(isoWeekday(day)) || holidays.has(day)) continue;
    const start = Math.max(instantAt(day, cal.dayStart), from);
    const end = instantAt(day, cal.dayEnd);
    if (end > start) yield [start, end];
  }
}

/** Pauses as sorted, merged [from, to) intervals in ms; an open pause runs to infinity. */
function mergedPauses(pauses: readonly Pause[]): Array<[number, number]> {
  const list = pauses
    .map((p): [number, number] => [p.from.getTime(), p.to ? p.to.getTime() : Number.POSITIVE_INFINITY])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of list) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Working windows minus pauses: the stretches in which a clock runs, in order. */
function* runningStretches(cal: BusinessCalendar, from: number, pauses: readonly Pause[]): Generator<[number, number]> {
  const merged = mergedPauses(pauses);
  let p = 0;
  for (const [ws, we] of workWindows(cal, from)) {
    let start = ws;
    while (p < merged.length && (merged[p]?.[1] ?? 0) <= start) p++;
    let q = p;
    while (start < we) {
      const pause = merged[q];
      if (!pause || pause[0] >= we) {
        yield [start, we];
        break;
      }
      if (pause[0] > start) yield [start, pause[0]];
      if (pause[1] === Number.POSITIVE_INFINITY) return;
      start = Math.max(start, pause[1]);
      q++;
    }
  }
}

/**
 * The instant at which `minutes` of running business time have passed since `start`, with the
 * clock standing still in the pauses; null when an open pause comes first (the due time is not
 * known until the pause ends).
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number, pauses: readonly Pause[] = []): Date | null {
  let left = minutes * MINUTE;
  if (left <= 0) return new Date(start);
  for (const [a, b] of runningStretches(cal, start.getTime(), pauses)) {
    if (b - a >= left) return new Date(a + left);
    left -= b - a;
  }
  return null;
}

/** Running business time between two instants (pauses left out), in whole milliseconds. */
export function businessMillisBetween(cal: BusinessCalendar, from: Date, to: Date, pauses: readonly Pause[] = []): number {
  const end = to.getTime();
  let total = 0;
  if (end <= from.getTime()) return 0;
  for (const [a, b] of runningStretches(cal, from.getTime(), pauses)) {
    if (a >= end) break;
    total += Math.min(b, end) - a;
  }
  return total;
}

/** Running business minutes between two instants, rounded down. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date, pauses: readonly Pause[] = []): number {
  return Math.floor(businessMillisBetween(cal, from, to, pauses) / MINUTE);
}

export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export interface ClockReading {
  state: ClockState;
  targetMinutes: number;
  /** Business minutes the clock has run (up to its stop, or now). */
  elapsedMinutes: number;
  /** When the target is (or was) reached; null while paused before it. */
  dueAt: Date | null;
  /** When it stopped (first external reply, resolution), if it did. */
  stoppedAt: Date | null;
}

/**
 * One clock: started at `start`, standing still in `pauses`, stopped at `stoppedAt` (if), read at
 * `now`. Breached when the target passed before the stop (or before now, when it runs or is paused).
 */
export function readClock(cal: BusinessCalendar, args: { start: Date; targetMinutes: number; pauses: readonly Pause[]; stoppedAt: Date | null; now: Date }): ClockReading {
  const { start, targetMinutes, pauses, stoppedAt, now } = args;
  const until = stoppedAt ?? now;
  const dueAt = addBusinessMinutes(cal, start, targetMinutes, pauses);
  const elapsedMinutes = businessMinutesBetween(cal, start, until, pauses);
  let state: ClockState;
  if (dueAt && dueAt.getTime() < until.getTime()) state = 'breached';
  else if (stoppedAt) state = 'met';
  else if (dueAt && dueAt.getTime() <= now.getTime()) state = 'breached';
  else state = pauses.some((p) => p.to === null && p.from.getTime() <= now.getTime()) ? 'paused' : 'running';
  return { state, targetMinutes, elapsedMinutes, dueAt, stoppedAt };
}

/** A status a ticket entered, and when. */
export interface StatusChange {
  status: TicketStatus;
  at: Date;
}

/** The stretches a ticket spent in the given statuses (the last one open when it is still there). */
export function stretchesIn(changes: readonly StatusChange[], statuses: readonly TicketStatus[]): Pause[] {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: Pause[] = [];
  sorted.forEach((c, i) => {
    if (!statuses.includes(c.status)) return;
    const next = sorted[i + 1];
    out.push({ from: c.at, to: next ? next.at : null });
  });
  return out;
}

export interface TicketSla {
  firstResponse: ClockReading;
  resolution: ClockReading;
}

/**
 * Both clocks of a ticket. The first-response clock runs from creation to the first external
 * reply; the resolution clock from creation to the last time the ticket became resolved or
 * closed (a reopened ticket runs on from where it stood). Both stand still while the ticket waits
 * for the customer or is on hold, and while it was resolved before being reopened.
 */
export function ticketSla(
  cal: BusinessCalendar,
  ticket: { createdAt: Date; target: SlaTarget; statusChanges: readonly StatusChange[]; firstResponseAt: Date | null },
  now: Date,
): TicketSla {
  const changes = [...ticket.statusChanges].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = changes[changes.length - 1];
  const done = last && DONE_STATUSES.includes(last.status) ? last.at : null;
  const pauseAndDone = stretchesIn(changes, [...PAUSE_STATUSES, ...DONE_STATUSES]);
  // The final done stretch is the stop itself, not a pause.
  const resolutionPauses = done ? pauseAndDone.filter((p) => p.to !== null) : pauseAndDone;
  const firstResponse = readClock(cal, {
    start: ticket.createdAt,
    targetMinutes: ticket.target.firstResponseMinutes,
    // Without a response, a done ticket's first-response clock stands still too.
    pauses: pauseAndDone,
    stoppedAt: ticket.firstResponseAt,
    now,
  });
  const resolution = readClock(cal, { start: ticket.createdAt, targetMinutes: ticket.target.resolutionMinutes, pauses: resolutionPauses, stoppedAt: done, now });
  return { firstResponse, resolution };
}
