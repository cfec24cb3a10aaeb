import { describe, expect, it } from 'vitest';
import { berlinDay, berlinLocalToIso } from './berlin-time.ts';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  calendarProblem,
  DEFAULT_CALENDAR,
  readClock,
  stretchesIn,
  ticketSla,
  type BusinessCalendar,
  type Pause,
} from './service-sla.ts';

/** A Berlin wall-clock time as an instant: the fake clock of these tests. */
const at = (local: string) => new Date(berlinLocalToIso(local) ?? 'invalid');
const iso = (d: Date | null) => d?.toISOString() ?? null;
const cal = DEFAULT_CALENDAR;

describe('business time (Mon–Fri 08:00–17:00 Berlin)', () => {
  it('adds minutes inside one working day', () => {
    expect(iso(addBusinessMinutes(cal, at('2026-03-02T09:00'), 120))).toBe(iso(at('2026-03-02T11:00')));
  });

  it('carries over the evening and the weekend, and starts the next morning when created after hours', () => {
    // Friday 16:00 + 2 h: one hour on Friday, one on Monday.
    expect(iso(addBusinessMinutes(cal, at('2026-03-06T16:00'), 120))).toBe(iso(at('2026-03-09T09:00')));
    // Created on Saturday: the clock starts on Monday at 08:00.
    expect(iso(addBusinessMinutes(cal, at('2026-03-07T11:00'), 30))).toBe(iso(at('2026-03-09T08:30')));
    // Created at 19:00: it starts the next morning.
    expect(iso(addBusinessMinutes(cal, at('2026-03-03T19:00'), 60))).toBe(iso(at('2026-03-04T09:00')));
    // Exactly at the end of a day is the end of that day, not the next morning.
    expect(iso(addBusinessMinutes(cal, at('2026-03-03T16:00'), 60))).toBe(iso(at('2026-03-03T17:00')));
  });

  it('is DST-safe: over the spring change a 9-hour target still takes nine working hours', () => {
    // Friday 27 March 2026 (UTC+1) 16:00 + 9 h → Monday 30 March (UTC+2) 16:00 = 14:00 UTC.
    const due = addBusinessMinutes(cal, at('2026-03-27T16:00'), 9 * 60);
    expect(iso(due)).toBe('2026-03-30T14:00:00.000Z');
    expect(businessMinutesBetween(cal, at('2026-03-27T16:00'), at('2026-03-30T16:00'))).toBe(9 * 60);
  });

  it('is DST-safe over the autumn change too (25 October 2026)', () => {
    // Friday 23 October (UTC+2) 16:30 + 1 h → Monday 26 October (UTC+1) 08:30 = 07:30 UTC.
    expect(iso(addBusinessMinutes(cal, at('2026-10-23T16:30'), 60))).toBe('2026-10-26T07:30:00.000Z');
    // A Sunday that has 25 hours has no working hour at all.
    expect(businessMinutesBetween(cal, at('2026-10-24T00:00'), at('2026-10-26T00:00'))).toBe(0);
  });

  it('skips holidays of the calendar', () => {
    const withHolidays: BusinessCalendar = { ...cal, holidays: ['2026-12-24', '2026-12-25'] };
    // Wednesday 23 December 16:00 + 2 h → 1 h that day, Thursday and Friday are off, Monday 28th 09:00.
    expect(iso(addBusinessMinutes(withHolidays, at('2026-12-23T16:00'), 120))).toBe(iso(at('2026-12-28T09:00')));
    expect(iso(addBusinessMinutes(cal, at('2026-12-23T16:00'), 120))).toBe(iso(at('2026-12-24T09:00')));
  });

  it('follows other working hours and days', () => {
    const sixDays: BusinessCalendar = { workDays: [1, 2, 3, 4, 5, 6], dayStart: '09:30', dayEnd: '13:00', holidays: [] };
    expect(iso(addBusinessMinutes(sixDays, at('2026-03-06T12:00'), 120))).toBe(iso(at('2026-03-07T10:30')));
    expect(calendarProblem({ ...cal, workDays: [] })).toBe('workDays');
    expect(calendarProblem({ ...cal, dayStart: '17:00', dayEnd: '08:00' })).toBe('dayEnd');
    expect(calendarProblem(cal)).toBeNull();
  });

  it('stands still in pauses, and has no due time while an open pause comes first', () => {
    const start = at('2026-03-02T08:00');
    const pauses: Pause[] = [{ from: at('2026-03-02T09:00'), to: at('2026-03-03T10:00') }];
    // 1 h before the pause, 3 h after it (from Tuesday 10:00).
    expect(iso(addBusinessMinutes(cal, start, 240, pauses))).toBe(iso(at('2026-03-03T13:00')));
    expect(businessMinutesBetween(cal, start, at('2026-03-03T13:00'), pauses)).toBe(240);
    // Still paused: no due time yet, but what ran before the pause counts.
    const open: Pause[] = [{ from: at('2026-03-02T09:00'), to: null }];
    expect(addBusinessMinutes(cal, start, 240, open)).toBeNull();
    expect(businessMinutesBetween(cal, start, at('2026-03-05T12:00'), open)).toBe(60);
    // A pause outside working hours changes nothing; overlapping pauses count once.
    expect(iso(addBusinessMinutes(cal, start, 120, [{ from: at('2026-03-01T10:00'), to: at('2026-03-02T08:00') }]))).toBe(iso(at('2026-03-02T10:00')));
    const overlapping: Pause[] = [
      { from: at('2026-03-02T09:00'), to: at('2026-03-02T11:00') },
      { from: at('2026-03-02T10:00'), to: at('2026-03-02T12:00') },
    ];
    expect(iso(addBusinessMinutes(cal, start, 120, overlapping))).toBe(iso(at('2026-03-02T13:00')));
  });

  it('agrees with a minute-by-minute count on many starts, targets and pauses', () => {
    // The slow reference: walk minute by minute, counting minutes on a working day between 08:00 and 17:00 Berlin.
    const working = (t: number) => {
      const d = new Date(t);
      const day = berlinDay(d);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) return false;
      return t >= at(`${day}T08:00`).getTime() && t < at(`${day}T17:00`).getTime();
    };
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 8; i++) {
      const start = at('2026-03-26T00:00').getTime() + random(5 * 24 * 60) * 60_000;
      const pauseFrom = start + random(2000) * 60_000;
      const pauses: Pause[] = [{ from: new Date(pauseFrom), to: new Date(pauseFrom + random(1500) * 60_000) }];
      const target = 1 + random(900);
      let t = start;
      let counted = 0;
      while (counted < target) {
        const paused = pauses.some((p) => t >= p.from.getTime() && t < (p.to?.getTime() ?? Infinity));
        if (working(t) && !paused) counted++;
        t += 60_000;
      }
      expect(iso(addBusinessMinutes(cal, new Date(start), target, pauses))).toBe(new Date(t).toISOString());
    }
  });
});

describe('a clock read under a fake clock', () => {
  const start = at('2026-03-02T08:00');
  it('runs, is breached after its due time, and is met when stopped in time', () => {
    const running = readClock(cal, { start, targetMinutes: 60, pauses: [], stoppedAt: null, now: at('2026-03-02T08:30') });
    expect(running).toMatchObject({ state: 'running', elapsedMinutes: 30 });
    expect(iso(running.dueAt)).toBe(iso(at('2026-03-02T09:00')));
    expect(readClock(cal, { start, targetMinutes: 60, pauses: [], stoppedAt: null, now: at('2026-03-02T09:00') }).state).toBe('breached');
    expect(readClock(cal, { start, targetMinutes: 60, pauses: [], stoppedAt: at('2026-03-02T08:59'), now: at('2026-03-09T12:00') }).state).toBe('met');
    const late = readClock(cal, { start, targetMinutes: 60, pauses: [], stoppedAt: at('2026-03-02T09:01'), now: at('2026-03-09T12:00') });
    expect(late).toMatchObject({ state: 'breached', elapsedMinutes: 61 });
  });

  it('is paused without a due time, and stays breached if the target passed before the pause', () => {
    const paused = readClock(cal, { start, targetMinutes: 60, pauses: [{ from: at('2026-03-02T08:20'), to: null }], stoppedAt: null, now: at('2026-03-04T12:00') });
    expect(paused).toMatchObject({ state: 'paused', elapsedMinutes: 20, dueAt: null });
    const before = readClock(cal, { start, targetMinutes: 60, pauses: [{ from: at('2026-03-02T10:00'), to: null }], stoppedAt: null, now: at('2026-03-04T12:00') });
    expect(before.state).toBe('breached');
    expect(iso(before.dueAt)).toBe(iso(at('2026-03-02T09:00')));
  });
});

describe('a ticket’s two clocks', () => {
  const target = { firstResponseMinutes: 60, resolutionMinutes: 4 * 60 };
  const createdAt = at('2026-03-02T08:00');

  it('first response stops at the first external reply; resolution stops when resolved', () => {
    const sla = ticketSla(
      cal,
      {
        createdAt,
        target,
        firstResponseAt: at('2026-03-02T08:45'),
        statusChanges: [
          { status: 'new', at: createdAt },
          { status: 'open', at: at('2026-03-02T08:45') },
          { status: 'resolved', at: at('2026-03-02T11:00') },
        ],
      },
      at('2026-03-10T12:00'),
    );
    expect(sla.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 45 });
    expect(sla.resolution).toMatchObject({ state: 'met', elapsedMinutes: 180 });
  });

  it('waiting on the customer and on hold pause both clocks; the due times move by the paused business time', () => {
    const changes = [
      { status: 'new' as const, at: createdAt },
      { status: 'waiting_customer' as const, at: at('2026-03-02T08:30') },
      { status: 'open' as const, at: at('2026-03-03T08:30') },
      { status: 'on_hold' as const, at: at('2026-03-03T09:00') },
      { status: 'open' as const, at: at('2026-03-03T10:00') },
    ];
    const sla = ticketSla(cal, { createdAt, target, firstResponseAt: null, statusChanges: changes }, at('2026-03-03T10:10'));
    // 30 min on Monday + 30 min on Tuesday 08:30–09:00: the first response was due Tuesday 09:00.
    expect(iso(sla.firstResponse.dueAt)).toBe(iso(at('2026-03-03T09:00')));
    expect(sla.firstResponse.state).toBe('breached');
    // 4 h resolution: 60 min done, 180 min from 10:00 → 13:00.
    expect(iso(sla.resolution.dueAt)).toBe(iso(at('2026-03-03T13:00')));
    expect(sla.resolution).toMatchObject({ state: 'running', elapsedMinutes: 70 });

    // While paused, both clocks show paused and no due time.
    const paused = ticketSla(cal, { createdAt, target, firstResponseAt: null, statusChanges: changes.slice(0, 2) }, at('2026-03-05T12:00'));
    expect(paused.firstResponse).toMatchObject({ state: 'paused', dueAt: null, elapsedMinutes: 30 });
    expect(paused.resolution).toMatchObject({ state: 'paused', dueAt: null, elapsedMinutes: 30 });
  });

  it('a reopened ticket runs on from where it stood; the resolved stretch does not count', () => {
    const sla = ticketSla(
      cal,
      {
        createdAt,
        target,
        firstResponseAt: at('2026-03-02T08:10'),
        statusChanges: [
          { status: 'new', at: createdAt },
          { status: 'resolved', at: at('2026-03-02T10:00') },
          { status: 'open', at: at('2026-03-04T08:00') },
        ],
      },
      at('2026-03-04T09:00'),
    );
    expect(sla.resolution).toMatchObject({ state: 'running', elapsedMinutes: 180 });
    expect(iso(sla.resolution.dueAt)).toBe(iso(at('2026-03-04T10:00')));
  });

  it('stretchesIn gives the time spent in statuses, the last one open', () => {
    const s = stretchesIn(
      [
        { status: 'open', at: at('2026-03-02T09:00') },
        { status: 'on_hold', at: at('2026-03-02T10:00') },
      ],
      ['on_hold'],
    );
    expect(s).toEqual([{ from: at('2026-03-02T10:00'), to: null }]);
  });
});
