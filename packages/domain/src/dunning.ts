import type { CustomerType } from './enums.ts';
import { divRound, fromCents, parseScaled, toCents } from './money.ts';

/**
 * Dunning (Mahnwesen) rules, pure: default interest per §288 BGB and the €40 flat fee of
 * §288(5) BGB. Money in bigint cents, rates in hundredths of a percent (basis points), rounded
 * once to the cent (half away from zero, domain/money.ts) after summing every day exactly.
 */

/** A Bundesbank base rate (Basiszinssatz, §247 BGB) and the day it took effect, e.g. { from: '2024-01-01', rate: '3.62' }. */
export interface BaseRate {
  from: string;
  /** Percent per year, at most two places, may be negative (-0.88 from 2016-07-01). */
  rate: string;
}

/** §288(1) BGB: five points above the base rate where a consumer is the debtor; §288(2): nine where none is. */
export const CONSUMER_SURCHARGE_POINTS = '5';
export const BUSINESS_SURCHARGE_POINTS = '9';
/** §288(5) BGB: a creditor may charge a debtor who is not a consumer a flat €40 once per claim. */
export const FLAT_FEE_BUSINESS = '40.00';
/** Interest per day on 365 days a year (also in a leap year), as the brief and common practice (act/365) do. */
export const DAYS_PER_YEAR = 365n;

/**
 * Who counts as a consumer (Verbraucher, §13 BGB): only the 'individual' customer type. Businesses,
 * public bodies ('government') and freelance creators ('creator') act as Unternehmer or are no
 * consumers, so they owe the higher rate and the flat fee.
 */
export function isConsumer(type: CustomerType): boolean {
  return type === 'individual';
}

/** Whole days from a to b (YYYY-MM-DD, b after a gives a positive number). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** One stretch of days at one rate. */
export interface InterestPeriod {
  /** First day with interest (inclusive). */
  from: string;
  /** Last day with interest (inclusive). */
  to: string;
  days: number;
  /** Base rate + surcharge, percent per year ("12.62"). */
  ratePercent: string;
  /** The amount owed on these days ("1000.00"): a payment made meanwhile lowers it from its date on. */
  principal: string;
}

/** A payment received after the due date: from its date on, the amount no longer bears interest. */
export interface LatePayment {
  date: string;
  amount: string;
}

export interface InterestInput {
  /** The amount owed (decimal string, two places at most). */
  outstanding: string;
  /** The due date: interest runs from the day after it. */
  dueDate: string;
  /** The last day interest is counted for (inclusive), e.g. the notice date. */
  until: string;
  consumer: boolean;
  baseRates: readonly BaseRate[];
  /**
   * Payments received after the due date (already deducted from `outstanding`). Before its date a
   * payment's amount was still owed, so it bears interest until the day before it arrived.
   */
  latePayments?: readonly LatePayment[];
}

export interface InterestResult {
  interest: string;
  periods: InterestPeriod[];
}

const SCALE = 2; // rates in hundredths of a percent

/** The base rate in force on a day: the latest entry that took effect on or before it. */
function rateOn(rates: readonly BaseRate[], day: string): BaseRate | undefined {
  let found: BaseRate | undefined;
  for (const r of rates) if (r.from <= day && (!found || r.from > found.from)) found = r;
  return found;
}

/**
 * Default interest (Verzugszinsen) for every day after `dueDate` up to and including `until`,
 * on the amount owed that day (`outstanding` plus the late payments not yet received), split
 * where the base rate changes and where a payment arrives. Each day adds principal × rate / 365;
 * the sum is exact (a common denominator) and rounded once to the cent.
 * Throws when a day has no base rate in the table (nothing is guessed).
 */
export function defaultInterest(input: InterestInput): InterestResult {
  const cents = toCents(input.outstanding);
  const first = addDay(input.dueDate);
  const payments = (input.latePayments ?? []).filter((p) => p.date > input.dueDate).map((p) => ({ date: p.date, cents: toCents(p.amount) }));
  const stillOwed = (day: string) => payments.reduce((sum, p) => (p.date > day ? sum + p.cents : sum), cents);
  if (input.until < first || stillOwed(first) <= 0n) return { interest: '0.00', periods: [] };
  const surcharge = parseScaled(input.consumer ? CONSUMER_SURCHARGE_POINTS : BUSINESS_SURCHARGE_POINTS, SCALE);
  const sorted = [...input.baseRates].sort((a, b) => (a.from < b.from ? -1 : 1));
  // Days on which the rate or the amount owed changes.
  const breaks = [...sorted.map((r) => r.from), ...payments.map((p) => p.date)].filter((d) => d > first && d <= input.until);
  const periods: InterestPeriod[] = [];
  // Σ principal cents × rate[bp] × days; one division by 365 × 100 % × 100 (basis points) at the end.
  let numerator = 0n;
  let start = first;
  while (start <= input.until) {
    const rate = rateOn(sorted, start);
    if (!rate) throw new Error(`No base rate for ${start}`);
    const next = breaks.filter((d) => d > start).sort()[0];
    const end = next ? addDay(next, -1) : input.until;
    const days = daysBetween(start, end) + 1;
    const ratePoints = parseScaled(rate.rate, SCALE) + surcharge;
    const principal = stillOwed(start);
    if (principal > 0n) {
      numerator += principal * ratePoints * BigInt(days);
      periods.push({ from: start, to: end, days, ratePercent: fromCents(ratePoints), principal: fromCents(principal) });
    }
    start = addDay(end);
  }
  const interest = divRound(numerator, DAYS_PER_YEAR * 100n * 100n);
  return { interest: fromCents(interest < 0n ? 0n : interest), periods };
}

function addDay(day: string, n = 1): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The frozen amounts of one notice. */
export interface NoticeAmounts {
  outstanding: string;
  interest: string;
  levelFee: string;
  flatFee: string;
  total: string;
}

/**
 * What a notice charges: the outstanding amount, the interest until the notice date, the level's
 * fee, and the €40 flat fee only for a debtor who is not a consumer, only on a level that charges
 * it, and only when no earlier notice of this invoice charged it (so it is never added twice).
 */
export function noticeAmounts(
  input: InterestInput & { levelFee: string; flatFeeAlreadyCharged: boolean; chargeInterest?: boolean; chargeFlatFee?: boolean },
): NoticeAmounts {
  return noticeWithPeriods(input).amounts;
}

/** noticeAmounts with the interest periods the notice lists (computed once). */
export function noticeWithPeriods(
  input: InterestInput & { levelFee: string; flatFeeAlreadyCharged: boolean; chargeInterest?: boolean; chargeFlatFee?: boolean },
): { amounts: NoticeAmounts; periods: InterestPeriod[] } {
  const computed = input.chargeInterest === false ? { interest: '0.00', periods: [] } : defaultInterest(input);
  const flatFee = input.chargeFlatFee !== false && !input.consumer && !input.flatFeeAlreadyCharged ? FLAT_FEE_BUSINESS : '0.00';
  const total = toCents(input.outstanding) + toCents(computed.interest) + toCents(input.levelFee) + toCents(flatFee);
  return {
    amounts: { outstanding: fromCents(toCents(input.outstanding)), interest: computed.interest, levelFee: fromCents(toCents(input.levelFee)), flatFee, total: fromCents(total) },
    periods: computed.periods,
  };
}
