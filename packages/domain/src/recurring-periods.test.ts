import { describe, expect, it } from 'vitest';
import { addMonthsKeepingDay, duePeriods, nextPeriodStart, periodAt, periodStartingOnOrAfter } from './recurring-periods.ts';

describe('recurring periods', () => {
  it('keeps the anchor day at month ends: 31 Jan → 28/29 Feb → 31 Mar', () => {
    expect(addMonthsKeepingDay('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsKeepingDay('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsKeepingDay('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonthsKeepingDay('2026-01-31', 3)).toBe('2026-04-30');
    expect(addMonthsKeepingDay('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsKeepingDay('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonthsKeepingDay('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsKeepingDay('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('counts monthly periods from the anchor, not from the clamped day before', () => {
    const starts = [0, 1, 2, 3].map((i) => periodAt('2026-01-31', 'monthly', i));
    expect(starts).toEqual([
      { index: 0, start: '2026-01-31', end: '2026-02-27' },
      { index: 1, start: '2026-02-28', end: '2026-03-30' },
      { index: 2, start: '2026-03-31', end: '2026-04-29' },
      { index: 3, start: '2026-04-30', end: '2026-05-30' },
    ]);
  });

  it('gives calendar months, quarters and years for a start on the 1st', () => {
    expect(periodAt('2026-01-01', 'monthly', 1)).toEqual({ index: 1, start: '2026-02-01', end: '2026-02-28' });
    expect(periodAt('2026-01-01', 'quarterly', 3)).toEqual({ index: 3, start: '2026-10-01', end: '2026-12-31' });
    expect(periodAt('2026-01-01', 'yearly', 2)).toEqual({ index: 2, start: '2028-01-01', end: '2028-12-31' });
    // A quarter anchored on 30 November: February has no 30th.
    expect(periodAt('2026-11-30', 'quarterly', 1)).toEqual({ index: 1, start: '2027-02-28', end: '2027-05-29' });
  });

  it('finds the first period starting on or after a day', () => {
    expect(periodStartingOnOrAfter('2026-01-31', 'monthly', '2025-06-01').start).toBe('2026-01-31');
    expect(periodStartingOnOrAfter('2026-01-31', 'monthly', '2026-02-28').start).toBe('2026-02-28');
    expect(periodStartingOnOrAfter('2026-01-31', 'monthly', '2026-03-01').start).toBe('2026-03-31');
    expect(periodStartingOnOrAfter('2026-01-15', 'quarterly', '2026-04-16').start).toBe('2026-07-15');
    expect(periodStartingOnOrAfter('2020-05-10', 'yearly', '2026-05-10')).toEqual({ index: 6, start: '2026-05-10', end: '2027-05-09' });
  });

  it('lists every missed period after an outage, oldest first, and nothing not yet started', () => {
    const schedule = { startDate: '2026-01-31', endDate: null, interval: 'monthly' as const };
    expect(duePeriods(schedule, '2026-01-31', '2026-05-05').map((p) => p.start)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(duePeriods(schedule, '2026-03-31', '2026-05-05').map((p) => p.start)).toEqual(['2026-03-31', '2026-04-30']);
    // The period starting today is due today; tomorrow's is not.
    expect(duePeriods(schedule, '2026-05-31', '2026-05-31').map((p) => p.start)).toEqual(['2026-05-31']);
    expect(duePeriods(schedule, '2026-05-31', '2026-05-30')).toEqual([]);
    expect(duePeriods(schedule, '2026-01-31', '2026-05-05', 2)).toHaveLength(2);
  });

  it('stops at the end date: a period is billed when it starts on or before it', () => {
    const schedule = { startDate: '2026-01-01', endDate: '2026-03-01', interval: 'monthly' as const };
    expect(duePeriods(schedule, '2026-01-01', '2026-12-31').map((p) => p.start)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(nextPeriodStart(schedule, '2026-03-02')).toBeNull();
    expect(nextPeriodStart(schedule, '2026-02-15')).toBe('2026-03-01');
    expect(nextPeriodStart({ ...schedule, endDate: null }, '2026-03-02')).toBe('2026-04-01');
    expect(duePeriods(schedule, null, '2026-12-31')).toEqual([]);
  });

  it('refuses what is not a calendar day or a period index', () => {
    expect(() => addMonthsKeepingDay('31.01.2026', 1)).toThrow(RangeError);
    expect(() => periodAt('2026-01-01', 'monthly', -1)).toThrow(RangeError);
  });
});
