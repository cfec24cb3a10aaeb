import { z } from 'zod';

/** Period locks (Festschreibung per month) and the year-end close (issue 16). */

const Year = z.int().min(2000).max(2100);

export const PeriodLockInput = z.object({ year: Year, month: z.int().min(1).max(12) });
export type PeriodLockInput = z.infer<typeof PeriodLockInput>;

export const FiscalYearInput = z.object({ year: Year });
export type FiscalYearInput = z.infer<typeof FiscalYearInput>;

export interface PeriodMonthDto {
  month: number;
  lockedAt: string | null;
  lockedBy: string | null;
}

export interface FiscalYearDto {
  year: number;
  closedAt: string | null;
  closedBy: string | null;
  /** All 12 months, locked or not. */
  months: PeriodMonthDto[];
}

export interface YearCloseResultDto {
  year: number;
  /** The opening entries posted on 1 January of the next year. */
  openingEntries: number;
  /** The year's result carried to the retained-earnings account (profit positive). */
  result: string;
}
