import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { TaxRate } from '@workmate/domain/enums';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import type { Actor } from '../shared/actor.ts';
import { createInvoice } from './drafts.ts';
import type { InvoiceDto } from './dto.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { priceText, quantityText } from './mapping.ts';
import { lockInvoice } from './queries.ts';

/** An accepted quote becomes an invoice draft with the same lines; the two stay linked. A quote converts once. */
export async function convertQuote(em: EntityManager, actor: Actor, id: string): Promise<InvoiceDto> {
  return em.transactional(async (tx) => {
    const quote = await lockInvoice(tx, id);
    if (quote.type !== 'quote') throw appError('CONFLICT', 'invoice.onlyQuotesConvert', {}, { field: 'id' });
    if (quote.status !== 'accepted') throw appError('CONFLICT', 'invoice.quoteNotAccepted', { number: quote.number ?? 'this draft', status: quote.status }, { field: 'id' });
    const existing = await tx.findOne(Invoice, { sourceQuoteId: quote.id });
    if (existing) throw appError('CONFLICT', 'invoice.quoteConverted', { number: String(quote.number), invoice: existing.number ? ` (${existing.number})` : ' draft' }, { field: 'id' });
    await tx.populate(quote, ['customer', 'project']);
    const lines = await tx.find(InvoiceLine, { invoice: quote.id }, { orderBy: { position: 'asc' } });
    return createInvoice(
      tx,
      actor,
      {
        type: 'invoice',
        customerId: quote.customer.id,
        projectId: quote.project?.id ?? null,
        responsibleId: quote.responsible?.id ?? null,
        language: quote.language,
        reverseCharge: quote.reverseCharge,
        serviceDate: dateOnly(quote.serviceDate),
        servicePeriodFrom: dateOnly(quote.servicePeriodFrom),
        servicePeriodTo: dateOnly(quote.servicePeriodTo),
        validUntil: null,
        introText: quote.introText ?? null,
        paymentTerms: quote.paymentTerms ?? null,
        footerText: quote.footerText ?? null,
        notes: null,
        lines: lines.map((l) => ({ description: l.description, quantity: quantityText(l.quantity), unit: l.unit, unitPrice: priceText(l.unitPrice), taxRate: Number(l.taxRate) as TaxRate })),
      },
      { sourceQuoteId: quote.id },
    );
  });
}
