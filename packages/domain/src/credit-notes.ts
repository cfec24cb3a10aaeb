/**
 * Credit notes (Rechnungskorrekturen): partial corrections of a finalized invoice. A credit note
 * carries negative amounts against the original, per VAT rate, and can never take back more than
 * what remains of the original: its net per rate minus every earlier correction of that rate
 * (a cancelled original has nothing left). Exact in integer cents.
 */
import type { TaxRate } from './enums.ts';
import type { TaxBreakdownRow } from './invoice-totals.ts';
import { fromCents, toCents } from './money.ts';

export type CreditNoteProblem =
  | { kind: 'empty' }
  | { kind: 'notNegative'; taxRate: TaxRate }
  | { kind: 'beyondRemaining'; taxRate: TaxRate; remaining: string; requested: string };

/** What remains of the original per rate (positive nets), after the earlier credit notes (negative rows). */
export function remainingByRate(original: readonly TaxBreakdownRow[], earlier: ReadonlyArray<readonly TaxBreakdownRow[]>): Map<TaxRate, bigint> {
  const left = new Map<TaxRate, bigint>();
  for (const row of original) left.set(row.taxRate, (left.get(row.taxRate) ?? 0n) + toCents(row.netAmount));
  for (const rows of earlier) for (const row of rows) left.set(row.taxRate, (left.get(row.taxRate) ?? 0n) + toCents(row.netAmount));
  return left;
}

/** The first reason the credit note's rows (negative nets) cannot be issued, or null. */
export function creditNoteProblem(
  original: readonly TaxBreakdownRow[],
  earlier: ReadonlyArray<readonly TaxBreakdownRow[]>,
  credit: readonly TaxBreakdownRow[],
): CreditNoteProblem | null {
  const rows = credit.filter((r) => toCents(r.netAmount) !== 0n);
  if (rows.length === 0) return { kind: 'empty' };
  const left = remainingByRate(original, earlier);
  for (const row of rows) {
    const requested = -toCents(row.netAmount);
    if (requested < 0n) return { kind: 'notNegative', taxRate: row.taxRate };
    const remaining = left.get(row.taxRate) ?? 0n;
    if (requested > remaining) return { kind: 'beyondRemaining', taxRate: row.taxRate, remaining: fromCents(remaining > 0n ? remaining : 0n), requested: fromCents(requested) };
  }
  return null;
}

/**
 * What is still owed on an invoice after payments and credit notes ("0.00" when settled). A
 * credit note larger than the rest (the customer had paid already) leaves a refund, not a
 * negative debt.
 */
export function outstandingAfterCredits(grossTotal: string, creditedAmount: string, paidAmount: string): string {
  const rest = toCents(grossTotal) - toCents(creditedAmount) - toCents(paidAmount);
  return fromCents(rest > 0n ? rest : 0n);
}

/**
 * What the customer has overpaid on an invoice and may get back ("0.00" when nothing): paid
 * (payments less refunds) plus Skonto granted, beyond what is due after credit notes.
 */
export function overpaidAfterCredits(grossTotal: string, creditedAmount: string, paidAmount: string, skontoGranted = '0.00'): string {
  const due = toCents(grossTotal) - toCents(creditedAmount);
  const over = toCents(paidAmount) + toCents(skontoGranted) - (due > 0n ? due : 0n);
  return fromCents(over > 0n ? over : 0n);
}
