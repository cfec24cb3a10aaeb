import type { EntityManager } from '@mikro-orm/postgresql';
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';
import type { TaxBreakdownRow } from '@workmate/domain/invoice-totals';
import { Invoice } from '../entities/invoice.ts';
import { dateOnly } from '../shared/format.ts';

const rows = (r: readonly TaxBreakdownRow[]) => r.map((x) => ({ taxRate: String(x.taxRate), netAmount: x.netAmount, taxAmount: x.taxAmount }));

/** What a credit note (its original) and a final invoice (its deductions) print besides the usual. */
export async function printCorrections(em: EntityManager, inv: Invoice): Promise<Pick<InvoiceDocumentModel, 'credits' | 'finalInvoice' | 'invoiceKind'>> {
  let credits: InvoiceDocumentModel['credits'] = null;
  if (inv.creditsId) {
    const original = await em.findOne(Invoice, { id: inv.creditsId });
    if (original) credits = { number: original.number ?? '', issueDate: dateOnly(original.issueDate) ?? '' };
  }
  // A final invoice and the cancellation of one (its deductions negated).
  const kept = inv.kind === 'final' || inv.type === 'cancellation' ? (inv.deductions ?? null) : null;
  const finalInvoice: InvoiceDocumentModel['finalInvoice'] = kept
    ? {
        service: { netTotal: kept.service.netTotal, taxTotal: kept.service.taxTotal, grossTotal: kept.service.grossTotal, taxBreakdown: rows(kept.service.taxBreakdown) },
        deductions: kept.deductions.map((d) => ({ number: d.number, issueDate: d.issueDate, netTotal: d.netTotal, taxTotal: d.taxTotal, grossTotal: d.grossTotal, taxBreakdown: rows(d.taxBreakdown) })),
      }
    : null;
  return { credits, finalInvoice, invoiceKind: inv.kind };
}
