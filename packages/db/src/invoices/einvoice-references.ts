import type { Invoice as UblInvoice } from '@e-invoice-eu/core';
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';
import { fromCents, parseScaled } from '@workmate/domain/money';

/**
 * What the e-invoice says about a document's relatives, by its kind (EN 16931 BT-3, BG-3):
 * - invoice 380; deposit invoice (Abschlagsrechnung) 326 "partial invoice" — one of the codes
 *   XRechnung 3 lists in BR-DE-17 (326, 380, 384, 389, 381, 875, 876, 877; 386 "prepayment
 *   invoice" is not among them); final invoice (Schlussrechnung) 380;
 * - cancellation and credit note (Rechnungskorrektur) 381, the corrected invoice as BT-25/BT-26;
 * - final invoice: every deducted deposit as a BT-25/BT-26 of its own, and one line per deposit
 *   and VAT rate taking its net back (negative quantity, positive price, BR-27), so that the
 *   lines add up to the document's net and each rate's VAT base is the printed one (service −
 *   deposits), with the printed VAT of that rate (service VAT − deposits' VAT).
 */
type Line = UblInvoice['ubl:Invoice']['cac:InvoiceLine'][number];
type Reference = NonNullable<UblInvoice['ubl:Invoice']['cac:BillingReference']>[number];

export type EInvoiceTypeCode = '380' | '381' | '326';

/** Cancellations and credit notes: stored negative, written positive as a credit note 381. */
export const isCreditDocument = (m: Pick<InvoiceDocumentModel, 'kind'>) => m.kind === 'cancellation' || m.kind === 'credit_note';

export function typeCodeOf(m: Pick<InvoiceDocumentModel, 'kind' | 'invoiceKind'>): EInvoiceTypeCode {
  if (isCreditDocument(m)) return '381';
  return m.invoiceKind === 'deposit' ? '326' : '380';
}

/** The invoice a cancellation cancels or a credit note corrects, or null. */
export function correctedInvoiceOf(m: Pick<InvoiceDocumentModel, 'kind' | 'cancels' | 'credits'>): { number: string; issueDate: string } | null {
  if (m.kind === 'cancellation') return m.cancels;
  if (m.kind === 'credit_note') return m.credits ?? null;
  return null;
}

const reference = (r: { number: string; issueDate: string }): Reference => ({ 'cac:InvoiceDocumentReference': { 'cbc:ID': r.number, ...(r.issueDate ? { 'cbc:IssueDate': r.issueDate } : {}) } });

/** BG-3: the corrected invoice, or the deposits a final invoice deducts (in their order). */
export function precedingInvoicesOf(m: InvoiceDocumentModel): Reference[] {
  const corrected = correctedInvoiceOf(m);
  if (corrected) return [reference(corrected)];
  if (m.invoiceKind === 'final' && m.finalInvoice) return m.finalInvoice.deductions.map(reference);
  return [];
}

/** BT-20 when a document has no payment terms of its own (BR-CO-25 wants one without a due date). */
export function correctionPaymentNote(m: InvoiceDocumentModel): string | null {
  const corrected = correctedInvoiceOf(m);
  if (!corrected) return null;
  const de = m.language === 'de';
  if (m.kind === 'cancellation') return de ? `Stornorechnung zu ${corrected.number}: der Betrag wird verrechnet oder erstattet.` : `Cancellation of ${corrected.number}: the amount is offset or refunded.`;
  return de ? `Rechnungskorrektur zu ${corrected.number}: der Betrag wird verrechnet oder erstattet.` : `Credit note for ${corrected.number}: the amount is offset or refunded.`;
}

const showDate = (iso: string, lang: 'de' | 'en') => (lang === 'de' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('.') : iso);

/**
 * The deduction lines of a final invoice, numbered after the service lines: per deposit and
 * rate, quantity −1 "one" (C62) at the deposit's net of that rate (so too in the cancellation of
 * a final invoice, which is written positive). `taxCategory` gives the line's
 * VAT category (BT-151) for a rate, as for the service lines.
 */
export function deductionLines(m: InvoiceDocumentModel, firstId: number, taxCategory: (rate: string) => Line['cac:Item']['cac:ClassifiedTaxCategory']): Line[] {
  if (!m.finalInvoice) return [];
  const de = m.language === 'de';
  // A cancellation of a final invoice stores its deductions negated; written positive like the rest.
  const credit = isCreditDocument(m);
  const abs = (v: string) => (v.startsWith('-') ? v.slice(1) : v);
  const lines: Line[] = [];
  for (const d of m.finalInvoice.deductions) {
    const rows = d.taxBreakdown.filter((r) => parseScaled(r.netAmount, 2) !== 0n);
    for (const row of rows) {
      const net = parseScaled(row.netAmount, 2);
      const written = credit ? net : -net;
      const name = de ? `Abzüglich Abschlagsrechnung ${d.number} vom ${showDate(d.issueDate, 'de')}` : `Less deposit invoice ${d.number} of ${d.issueDate}`;
      const rateText = rows.length > 1 ? ` (${row.taxRate} %)` : '';
      lines.push({
        'cbc:ID': String(firstId + lines.length),
        // BT-127: the deposit's number, date, and the VAT already invoiced with it at this rate.
        'cbc:Note': de ? `Abschlagsrechnung ${d.number} vom ${showDate(d.issueDate, 'de')}: netto ${abs(row.netAmount)} EUR, USt ${abs(row.taxAmount)} EUR zu ${row.taxRate} %` : `Deposit invoice ${d.number} of ${d.issueDate}: net ${abs(row.netAmount)} EUR, VAT ${abs(row.taxAmount)} EUR at ${row.taxRate} %`,
        'cbc:InvoicedQuantity': written < 0n ? '-1' : '1',
        'cbc:InvoicedQuantity@unitCode': 'C62',
        'cbc:LineExtensionAmount': fromCents(written),
        'cbc:LineExtensionAmount@currencyID': 'EUR',
        'cac:Item': { 'cbc:Name': `${name}${rateText}`, 'cac:ClassifiedTaxCategory': taxCategory(row.taxRate) },
        'cac:Price': { 'cbc:PriceAmount': fromCents(written < 0n ? -written : written), 'cbc:PriceAmount@currencyID': 'EUR' },
      });
    }
  }
  return lines;
}
