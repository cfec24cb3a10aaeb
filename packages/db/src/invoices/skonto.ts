import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { outstandingAfterCredits } from '@workmate/domain/credit-notes';
import { fromCents, toCents } from '@workmate/domain/money';
import { skontoDeadline, skontoDiscount, skontoForPayment, skontoVatRows, type SkontoTerms, type SkontoVatRow } from '@workmate/domain/skonto';
import type { Invoice } from '../entities/invoice.ts';
import type { Payment } from '../entities/payment.ts';
import { dateOnly, moneyText } from '../shared/format.ts';

/** Percent and days come together or not at all (the field named is the missing one). */
export function checkSkontoPair(percent: string | null | undefined, days: number | null | undefined) {
  if (percent != null && days == null) throw appError('BAD_REQUEST', 'field.skontoDaysMissing', {}, { field: 'skontoDays' });
  if (days != null && percent == null) throw appError('BAD_REQUEST', 'field.skontoPercentMissing', {}, { field: 'skontoPercent' });
}

/** The invoice's Skonto terms, or null when it has none. */
export function skontoTermsOf(invoice: Pick<Invoice, 'skontoPercent' | 'skontoDays'>): SkontoTerms | null {
  if (invoice.skontoPercent == null || invoice.skontoDays == null) return null;
  return { percent: moneyText(invoice.skontoPercent), days: invoice.skontoDays };
}

/** What the PDF and the DTO show: the last day, the discount and the reduced amount on the gross. */
export interface SkontoOffer {
  percent: string;
  days: number;
  /** Last day (YYYY-MM-DD) a payment earns it; null on a draft (no issue date yet). */
  until: string | null;
  discount: string;
  reducedAmount: string;
}

export function skontoOffer(invoice: Invoice): SkontoOffer | null {
  const terms = skontoTermsOf(invoice);
  if (!terms || invoice.type !== 'invoice') return null;
  const gross = moneyText(invoice.grossTotal);
  const discount = skontoDiscount(gross, terms.percent);
  const issue = dateOnly(invoice.issueDate);
  return { ...terms, until: issue ? skontoDeadline(issue, terms.days) : null, discount, reducedAmount: fromCents(toCents(gross) - toCents(discount)) };
}

/** The Skonto already granted on the invoice (sum over its payments). */
export async function skontoGranted(tx: EntityManager, invoiceId: string, exceptPaymentId?: string): Promise<string> {
  const rows = await tx.execute<Array<{ granted: string }>>(
    `select coalesce(sum(skonto_amount), 0)::numeric(14,2)::text as granted from payments where invoice_id = ? and id <> ?`,
    [invoiceId, exceptPaymentId ?? '00000000-0000-0000-0000-000000000000'],
  );
  return moneyText(rows[0]?.granted ?? '0');
}

/**
 * Whether a payment (already counted in `paidTotal`) earns the invoice's Skonto, and if so the
 * discount and its split per VAT rate. The discount is on what the invoice asks for after
 * credit notes; it is split over the invoice's VAT rows.
 */
export function skontoDecision(invoice: Invoice, paidTotal: string, paymentDate: string): { amount: string; vat: SkontoVatRow[] } | null {
  const due = outstandingAfterCredits(moneyText(invoice.grossTotal), moneyText(invoice.creditedAmount), '0');
  const amount = skontoForPayment({ terms: skontoTermsOf(invoice), issueDate: dateOnly(invoice.issueDate), due, paidTotal, paymentDate });
  if (!amount) return null;
  return { amount, vat: skontoVatRows(amount, invoice.taxBreakdown) };
}

/** The invoice DTO's Skonto fields: the terms, the offer, and the discount a payment granted with its VAT per rate. */
export function skontoFields(inv: Invoice, payments: Payment[]) {
  const granting = payments.find((p) => p.skontoAmount != null);
  return {
    skontoPercent: inv.skontoPercent == null ? null : moneyText(inv.skontoPercent),
    skontoDays: inv.skontoDays ?? null,
    skontoOffer: skontoOffer(inv),
    skontoGranted: granting ? moneyText(granting.skontoAmount) : '0.00',
    skontoVat: granting?.skontoVat ?? [],
  };
}
