/**
 * Skonto (cash discount): the customer may pay `percent` less when paying within `days` of the
 * invoice date. Pure arithmetic in integer cents; the payment service decides with it.
 *
 * - The discount is the amount due (gross less finalized credit notes) × percent, rounded half
 *   away from zero to the cent, once for the invoice (not per payment).
 * - The period ends on issue date + days (Berlin calendar days, the day itself included).
 * - Earlier partial payments count: Skonto applies when a payment dated within the period brings
 *   everything paid to at least the reduced amount. What then stays open (at most the agreed
 *   discount) is recorded as the discount.
 * - §17 UStG: a discount lowers the taxable amount, so it is split over the invoice's VAT rows in
 *   proportion to their gross, each share into net and VAT at its rate; the cent left over by
 *   rounding goes to the row with the largest gross.
 */
import type { TaxRate } from './enums.ts';
import { addDays } from './berlin-time.ts';
import { divRound, fromCents, parseScaled, toCents } from './money.ts';

export interface SkontoTerms {
  /** Decimal string with at most two places, above 0 and below 100 ("2.00"). */
  percent: string;
  /** Whole days after the issue date, at least 1. */
  days: number;
}

export interface SkontoVatRow {
  taxRate: TaxRate;
  /** The discount's gross share of this rate (net + VAT). */
  grossAmount: string;
  netAmount: string;
  taxAmount: string;
}

/** The discount on an amount: amount × percent / 100, to the cent. */
export function skontoDiscount(amount: string, percent: string): string {
  return fromCents(divRound(toCents(amount) * parseScaled(percent, 2), 10_000n));
}

/** The last day (YYYY-MM-DD) a payment earns the discount. */
export function skontoDeadline(issueDate: string, days: number): string {
  return addDays(issueDate, days);
}

export interface SkontoDecisionInput {
  terms: SkontoTerms | null;
  issueDate: string | null;
  /** What the invoice asks for: gross less finalized credit notes. */
  due: string;
  /** Everything paid, this payment included. */
  paidTotal: string;
  paymentDate: string;
}

/**
 * The discount this payment settles the invoice with, or null when Skonto does not apply
 * (no terms, paid after the period, below the reduced amount, or paid in full anyway).
 */
export function skontoForPayment(input: SkontoDecisionInput): string | null {
  const { terms, issueDate } = input;
  if (!terms || !issueDate) return null;
  if (input.paymentDate > skontoDeadline(issueDate, terms.days)) return null;
  const due = toCents(input.due);
  const paid = toCents(input.paidTotal);
  const discount = toCents(skontoDiscount(input.due, terms.percent));
  if (paid >= due || paid < due - discount) return null;
  return fromCents(due - paid);
}

/**
 * What a payment dated `paymentDate` has to bring to settle the invoice with its Skonto: the due
 * amount less the discount less what was paid before (so skontoForPayment grants the whole
 * discount on it). Null when no Skonto is to be had that day: no terms, after the period, a
 * discount of 0.00, or nothing left to pay at the reduced amount. The bank matching compares a
 * credit with it.
 */
export function skontoSettlingAmount(input: Omit<SkontoDecisionInput, 'paidTotal'> & { paidBefore: string }): string | null {
  const { terms, issueDate } = input;
  if (!terms || !issueDate || input.paymentDate > skontoDeadline(issueDate, terms.days)) return null;
  const discount = toCents(skontoDiscount(input.due, terms.percent));
  const rest = toCents(input.due) - discount - toCents(input.paidBefore);
  return discount > 0n && rest > 0n ? fromCents(rest) : null;
}

/**
 * Splits a (gross) discount over VAT rows in proportion to their gross, then each share into net
 * and VAT at its rate. The shares add up exactly to the discount; the rounding rest goes to the
 * row with the largest gross (the first of equal ones). Rows with no gross are left out.
 */
export function skontoVatRows(discount: string, rows: ReadonlyArray<{ taxRate: TaxRate; netAmount: string; taxAmount: string }>): SkontoVatRow[] {
  const total = toCents(discount);
  const grosses = rows.map((r) => ({ taxRate: r.taxRate, gross: toCents(r.netAmount) + toCents(r.taxAmount) })).filter((r) => r.gross !== 0n);
  const sum = grosses.reduce((s, r) => s + r.gross, 0n);
  if (grosses.length === 0 || sum === 0n) return [];
  const shares = grosses.map((r) => divRound(total * r.gross, sum));
  let largest = 0;
  grosses.forEach((r, i) => {
    if (r.gross > (grosses[largest]?.gross ?? 0n)) largest = i;
  });
  shares[largest] = (shares[largest] ?? 0n) + total - shares.reduce((s, v) => s + v, 0n);
  return grosses.map((r, i) => {
    const share = shares[i] ?? 0n;
    const tax = divRound(share * BigInt(r.taxRate), 100n + BigInt(r.taxRate));
    return { taxRate: r.taxRate, grossAmount: fromCents(share), netAmount: fromCents(share - tax), taxAmount: fromCents(tax) };
  });
}
