import { describe, expect, it } from 'vitest';
import { nextRunAt, periodRange, reportFileName } from './saved-reports.ts';

describe('saved reports', () => {
  it('resolves periods in Berlin days', () => {
    expect(periodRange('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('last7Days', '2026-03-01')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(periodRange('all', '2026-03-01')).toBeNull();
    expect(periodRange('custom', '2026-03-01', { from: '2026-01-01' })).toEqual({ from: '2026-01-01', to: null });
  });
  it('schedules the next run at 06:00 Berlin time', () => {
    // Saturday 5 December 2026, 23:30 UTC is already Sunday in Berlin.
    const at = new Date('2026-12-05T23:30:00Z');
    expect(nextRunAt('daily', at)?.toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(nextRunAt('weekly', at)?.toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(nextRunAt('monthly', at)?.toISOString()).toBe('2027-01-01T05:00:00.000Z');
    // Summer time: 06:00 CEST is 04:00 UTC.
    expect(nextRunAt('daily', new Date('2026-06-10T12:00:00Z'))?.toISOString()).toBe('2026-06-11T04:00:00.000Z');
    expect(nextRunAt('none', at)).toBeNull();
  });
  it('makes safe file names', () => {
    expect(reportFileName('Umsatz Q1/2026 ü', '2026-12-06', 'xlsx')).toBe('Umsatz-Q12026-u-2026-12-06.xlsx');
    expect(reportFileName('../../', '2026-12-06', 'csv')).toBe('report-2026-12-06.csv');
  });
});
