import { describe, expect, it } from 'vitest';
import { addDays, berlinDay, berlinLocalToIso, berlinYear, isoToBerlinLocal, mondayOf, monthRange, nowBerlinLocal } from './berlin-time.ts';

describe('Berlin calendar', () => {
  it('takes the calendar day of an instant in Berlin, not in UTC', () => {
    expect(berlinDay(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(berlinDay(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(berlinDay(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(berlinDay('2026-07-01T22:30:00Z')).toBe('2026-07-02');
  });

  it('takes the year in Berlin (New Year is an hour earlier than in UTC)', () => {
    expect(berlinYear(new Date('2026-12-31T22:59:00Z'))).toBe(2026);
    expect(berlinYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });

  it('reads a wall-clock time typed in Berlin with the offset of that day', () => {
    expect(berlinLocalToIso('2026-01-15T09:00')).toBe('2026-01-15T09:00:00+01:00');
    expect(berlinLocalToIso('2026-07-15T09:00')).toBe('2026-07-15T09:00:00+02:00');
    // The day clocks go forward (29 March 2026) and back (25 October 2026).
    expect(berlinLocalToIso('2026-03-29T14:30')).toBe('2026-03-29T14:30:00+02:00');
    expect(berlinLocalToIso('2026-03-29T01:30')).toBe('2026-03-29T01:30:00+01:00');
    expect(berlinLocalToIso('2026-10-25T12:00:15')).toBe('2026-10-25T12:00:15+01:00');
    expect(berlinLocalToIso('29.03.2026 14:30')).toBeNull();
    expect(berlinLocalToIso('2026-03-29')).toBeNull();
  });

  it('shows an instant as a Berlin wall-clock time', () => {
    expect(nowBerlinLocal(new Date('2026-01-15T08:05:00Z'))).toBe('2026-01-15T09:05');
    expect(isoToBerlinLocal('2026-07-15T22:30:00Z')).toBe('2026-07-16T00:30');
    const typed = '2026-10-25T12:00';
    expect(isoToBerlinLocal(berlinLocalToIso(typed) as string)).toBe(typed);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-20', 14)).toBe('2027-01-03');
    expect(addDays('2028-02-15', 14)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the Monday of a week and the bounds of a month', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(monthRange('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2026-12-14', 1)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(monthRange('2026-01-31', -1)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});
