import { describe, expect, it } from 'vitest';
import { divRound, formatDecimalComma, fromCents, toCents } from './money.ts';
import { amountFor, billedMinutes, hoursDecimalComma, minutesBetween, placeOnDay, resolveRate } from './time-rules.ts';
import { money, optionalMoney } from './schemas/common.ts';
import { EntryCreateInput } from './schemas/time-tracking.ts';
import { ProjectCreateInput } from './schemas/projects.ts';

describe('money', () => {
  it('parses and prints exact cents', () => {
    expect(toCents('85.5')).toBe(8550n);
    expect(toCents('0.07')).toBe(7n);
    expect(toCents('-1.20')).toBe(-120n);
    expect(fromCents(8550n)).toBe('85.50');
    expect(fromCents(-5n)).toBe('-0.05');
    expect(() => toCents('1.234')).toThrow();
    expect(() => toCents('1e3')).toThrow();
  });
  it('rounds half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
  });
  it('formats with a decimal comma', () => {
    expect(formatDecimalComma('1234.5')).toBe('1234,50');
    expect(formatDecimalComma('1234567.5', { grouping: true })).toBe('1.234.567,50');
    expect(formatDecimalComma('-0.5')).toBe('-0,50');
  });
  it('accepts amounts as strings or numbers, always with two places, and refuses the rest', () => {
    expect(money().parse('95')).toBe('95.00');
    expect(money().parse(12.5)).toBe('12.50');
    expect(money().parse('12,5')).toBe('12.50');
    expect(money().safeParse('-1').success).toBe(false);
    expect(money().safeParse('1.234').success).toBe(false);
    expect(money().safeParse('abc').success).toBe(false);
    expect(money(100).safeParse('101').success).toBe(false);
    expect(optionalMoney().parse('')).toBeNull();
    expect(optionalMoney().parse(undefined)).toBeNull();
  });
});

describe('time rules', () => {
  it('rounds billed minutes up to the step, never down', () => {
    expect([0, 5, 15, 30].map((s) => billedMinutes(7, s))).toEqual([7, 10, 15, 30]);
    expect([0, 5, 15, 30].map((s) => billedMinutes(60, s))).toEqual([60, 60, 60, 60]);
    expect(billedMinutes(0, 15)).toBe(0);
    expect(billedMinutes(61, 15)).toBe(75);
  });
  it('resolves the rate entry → project → employee', () => {
    expect(resolveRate('100.00', '80.00', '50.00')).toEqual({ rate: '100.00', source: 'entry' });
    expect(resolveRate(null, '80.00', '50.00')).toEqual({ rate: '80.00', source: 'project' });
    expect(resolveRate(null, null, '50.00')).toEqual({ rate: '50.00', source: 'employee' });
    expect(resolveRate(null, null, null)).toEqual({ rate: '0.00', source: 'none' });
    // An explicit rate of 0 is a rate, not a missing one.
    expect(resolveRate('0.00', '80.00', null).source).toBe('entry');
  });
  it('computes amounts to the cent', () => {
    expect(amountFor(90, '85.50')).toBe('128.25');
    expect(amountFor(20, '0.35')).toBe('0.12');
    expect(amountFor(1, '0.10')).toBe('0.00');
    expect(amountFor(7, '90.00')).toBe('10.50');
  });
  it('measures true durations across daylight-saving changes', () => {
    expect(minutesBetween(new Date('2026-10-25T01:30:00+02:00'), new Date('2026-10-25T03:30:00+01:00'))).toBe(180);
    expect(minutesBetween(new Date('2026-03-29T01:30:00+01:00'), new Date('2026-03-29T03:30:00+02:00'))).toBe(60);
  });
  it('prints hours with a decimal comma', () => {
    expect(hoursDecimalComma(90)).toBe('1,50');
    expect(hoursDecimalComma(20)).toBe('0,33');
    expect(hoursDecimalComma(1500)).toBe('25,00');
  });
});

describe('input rules', () => {
  it('an entry is either start + end or date + duration', () => {
    expect(EntryCreateInput.safeParse({ startTime: '2026-01-01T08:00:00Z', endTime: '2026-01-01T09:00:00Z' }).success).toBe(true);
    expect(EntryCreateInput.safeParse({ date: '2026-01-01', durationMinutes: 30 }).success).toBe(true);
    expect(EntryCreateInput.safeParse({ date: '2026-01-01', durationMinutes: 30, startTime: '2026-01-01T08:00:00Z', endTime: '2026-01-01T09:00:00Z' }).success).toBe(false);
    expect(EntryCreateInput.safeParse({}).success).toBe(false);
    expect(EntryCreateInput.safeParse({ date: '2026-01-01', durationMinutes: 1441 }).success).toBe(false);
    expect(EntryCreateInput.safeParse({ date: '2026-01-01', durationMinutes: 0 }).success).toBe(false);
  });
  it('a project ends on or after its start', () => {
    const base = { title: 'P', customerId: '00000000-0000-4000-8000-000000000000' };
    expect(ProjectCreateInput.safeParse({ ...base, startDate: '2026-01-02', endDate: '2026-01-01' }).success).toBe(false);
    expect(ProjectCreateInput.safeParse({ ...base, startDate: '2026-01-02', endDate: '2026-01-02' }).success).toBe(true);
  });
});

describe('placeOnDay: hours typed for a day go into working hours', () => {
  // 10 March 2026 in Berlin (CET, UTC+1); the working day starts at 08:00.
  const day = { dayStart: new Date('2026-03-10T00:00:00+01:00'), dayEnd: new Date('2026-03-11T00:00:00+01:00'), workdayStart: new Date('2026-03-10T08:00:00+01:00') };
  const later = new Date('2026-03-20T12:00:00+01:00');
  const at = (iso: string) => new Date(iso);
  const span = (p: ReturnType<typeof placeOnDay>) => (p.ok ? [p.start.toISOString(), p.end.toISOString()] : p);

  it('starts at the working-day start on an empty past day, not at midnight', () => {
    expect(span(placeOnDay({ ...day, minutes: 90, now: later, taken: [] }))).toEqual(['2026-03-10T07:00:00.000Z', '2026-03-10T08:30:00.000Z']);
  });

  it('stacks after the day’s other entries so nothing overlaps, using the first gap that fits', () => {
    const taken = [
      { start: at('2026-03-10T08:00:00+01:00'), end: at('2026-03-10T10:30:00+01:00') },
      { start: at('2026-03-10T11:00:00+01:00'), end: at('2026-03-10T12:00:00+01:00') },
    ];
    // 30 minutes fit between the two; 2 hours go after the second.
    expect(span(placeOnDay({ ...day, minutes: 30, now: later, taken }))).toEqual(['2026-03-10T09:30:00.000Z', '2026-03-10T10:00:00.000Z']);
    expect(span(placeOnDay({ ...day, minutes: 120, now: later, taken }))).toEqual(['2026-03-10T11:00:00.000Z', '2026-03-10T13:00:00.000Z']);
  });

  it('ends at the day’s end (moving earlier) when the working day is too short, and refuses when no gap is long enough', () => {
    expect(span(placeOnDay({ ...day, minutes: 20 * 60, now: later, taken: [] }))).toEqual(['2026-03-10T03:00:00.000Z', '2026-03-10T23:00:00.000Z']);
    const taken = [{ start: at('2026-03-10T06:00:00+01:00'), end: at('2026-03-10T18:00:00+01:00') }];
    expect(placeOnDay({ ...day, minutes: 7 * 60, now: later, taken })).toEqual({ ok: false, reason: 'no_gap' });
  });

  it('today: never ends in the future; ends now (this minute) at the latest', () => {
    const now = at('2026-03-10T10:00:30+01:00');
    // 08:00 + 1 h ends at 09:00, before now: stays at the working-day start.
    expect(span(placeOnDay({ ...day, minutes: 60, now, taken: [] }))).toEqual(['2026-03-10T07:00:00.000Z', '2026-03-10T08:00:00.000Z']);
    // 08:00 + 3 h would end at 11:00: placed to end at 10:00 instead.
    expect(span(placeOnDay({ ...day, minutes: 180, now, taken: [] }))).toEqual(['2026-03-10T06:00:00.000Z', '2026-03-10T09:00:00.000Z']);
    // A running timer since 09:00 blocks the rest of the day: 2 h end at 09:00.
    const running = [{ start: at('2026-03-10T09:00:00+01:00'), end: null }];
    expect(span(placeOnDay({ ...day, minutes: 120, now, taken: running }))).toEqual(['2026-03-10T06:00:00.000Z', '2026-03-10T08:00:00.000Z']);
  });

  it('today: refuses more hours than have passed since midnight, telling how many have', () => {
    const now = at('2026-03-10T10:00:30+01:00');
    expect(placeOnDay({ ...day, minutes: 10 * 60 + 1, now, taken: [] })).toEqual({ ok: false, reason: 'more_than_elapsed', elapsedMinutes: 600 });
    expect(placeOnDay({ ...day, minutes: 10 * 60, now, taken: [] })).toMatchObject({ ok: true });
  });

  it('counts the real length of a daylight-saving day (25 October 2026 has 25 hours)', () => {
    const dst = { dayStart: at('2026-10-25T00:00:00+02:00'), dayEnd: at('2026-10-26T00:00:00+01:00'), workdayStart: at('2026-10-25T08:00:00+01:00') };
    expect(span(placeOnDay({ ...dst, minutes: 25 * 60, now: at('2026-11-01T12:00:00+01:00'), taken: [] }))).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });
});
