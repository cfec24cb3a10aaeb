import { computeFinalInvoice } from '@workmate/domain/deposits';
import type { InvoiceTotals } from '@workmate/domain/invoice-totals';
import type { Invoice } from '../entities/invoice.ts';

/**
 * A final invoice's totals: the lines are the full service (kept in `deductions.service`), the
 * document's own totals what is left after each deposit's net and VAT per rate (§14(5) UStG).
 * While the service does not yet cover the deposits (a draft still being filled in), the
 * document shows the service alone; finalizing refuses until it does (see finalize-checks).
 */
export function applyDeductions(invoice: Invoice, service: InvoiceTotals): void {
  const kept = invoice.deductions;
  if (!kept) return;
  const result = computeFinalInvoice(service, kept.deductions);
  const serviceTotals = { netTotal: service.netTotal, taxTotal: service.taxTotal, grossTotal: service.grossTotal, taxBreakdown: service.taxBreakdown };
  if (!result.ok) {
    invoice.deductions = { service: serviceTotals, deductions: kept.deductions };
    return;
  }
  const t = result.totals;
  invoice.deductions = { service: t.service, deductions: t.deductions };
  invoice.netTotal = t.netTotal;
  invoice.taxTotal = t.taxTotal;
  invoice.grossTotal = t.grossTotal;
  invoice.taxBreakdown = t.taxBreakdown;
}
