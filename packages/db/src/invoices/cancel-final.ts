import type { EntityManager } from '@mikro-orm/postgresql';
import type { FinalInvoiceDeductions } from '@workmate/domain/deposits';
import type { TaxBreakdownRow } from '@workmate/domain/invoice-totals';
import { fromCents, toCents } from '@workmate/domain/money';
import type { Invoice } from '../entities/invoice.ts';
import { moneyText } from '../shared/format.ts';

/**
 * Cancelling a final invoice (Schlussrechnung, §14(5) UStG): the cancellation mirrors it exactly,
 * the service lines and each deducted deposit negated, so its totals and VAT per rate are the
 * final invoice's negated; the deposits are then free for a new final invoice.
 */
const minus = (amount: string) => fromCents(-toCents(amount));
const minusRows = (rows: readonly TaxBreakdownRow[]): TaxBreakdownRow[] => rows.map((r) => ({ taxRate: r.taxRate, netAmount: minus(r.netAmount), taxAmount: minus(r.taxAmount) }));

export function negatedDeductions(kept: FinalInvoiceDeductions): FinalInvoiceDeductions {
  const s = kept.service;
  return {
    service: { netTotal: minus(s.netTotal), taxTotal: minus(s.taxTotal), grossTotal: minus(s.grossTotal), taxBreakdown: minusRows(s.taxBreakdown) },
    deductions: kept.deductions.map((d) => ({ ...d, taxBreakdown: minusRows(d.taxBreakdown), netTotal: minus(d.netTotal), taxTotal: minus(d.taxTotal), grossTotal: minus(d.grossTotal) })),
  };
}

/** The cancellation of a final invoice: its deductions and totals, the original's negated (after the lines' totals). */
export function mirrorFinalInvoice(cancellation: Invoice, original: Invoice): void {
  if (original.kind !== 'final' || !original.deductions) return;
  cancellation.deductions = negatedDeductions(original.deductions);
  cancellation.netTotal = minus(moneyText(original.netTotal));
  cancellation.taxTotal = minus(moneyText(original.taxTotal));
  cancellation.grossTotal = minus(moneyText(original.grossTotal));
  cancellation.taxBreakdown = minusRows(original.taxBreakdown);
}

/** Once the final invoice is cancelled (and flushed): its deposits may be deducted again. */
export async function releaseDeposits(tx: EntityManager, original: Invoice): Promise<void> {
  if (original.kind !== 'final') return;
  await tx.execute(`delete from invoice_deductions where final_invoice_id = ?`, [original.id]);
}

/** The corrected copy of a final invoice is a final invoice again, deducting the same deposits. */
export function correctionOfFinal(original: Invoice): Partial<Pick<Invoice, 'kind' | 'basisQuoteId' | 'deductions'>> {
  if (original.kind !== 'final' || !original.deductions) return {};
  return { kind: 'final', basisQuoteId: original.basisQuoteId ?? null, deductions: { service: original.deductions.service, deductions: original.deductions.deductions } };
}

/** Its deposits, taken over by the corrected copy (a draft, inserted after the release). */
export async function deductAgain(tx: EntityManager, original: Invoice, correction: Invoice): Promise<void> {
  for (const d of correction.kind === 'final' ? (original.deductions?.deductions ?? []) : []) {
    await tx.execute(`insert into invoice_deductions (final_invoice_id, deposit_id) values (?, ?)`, [correction.id, d.depositId]);
  }
}
