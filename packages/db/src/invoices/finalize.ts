import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import { appError } from '@workmate/domain/errors';
import { codeOfText } from '@workmate/domain/error-codes';
import { mandatoryContentProblems } from '@workmate/domain/invoice-mandatory';
import { einvoiceProblems, type EInvoiceFormat } from '@workmate/domain/einvoice-out';
import { EVENTS } from '@workmate/domain/events';
import { loadSettings } from '../core/settings.ts';
import type { CompanySettings } from '../entities/company-settings.ts';
import { Contact } from '../entities/contact.ts';
import type { Customer } from '../entities/customer.ts';
import { Invoice, type PartySnapshot } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import { publishEvent } from '../events/publish.ts';
import { nextNumber } from '../shared/numbering.ts';
import { checkVersion } from '../shared/versioning.ts';
import { applyTotals, taxCaseFor } from './drafts.ts';
import { beforeNumbering } from './finalize-corrections.ts';
import type { InvoiceDto } from './dto.ts';
import { dateOnly } from '../shared/format.ts';
import { quantityText } from './mapping.ts';
import { getInvoice, lockInvoice } from './queries.ts';

/** A quote stays valid this long unless it says otherwise. */
const QUOTE_VALID_DAYS = 30;

export function sellerSnapshot(s: CompanySettings): PartySnapshot {
  return {
    companyName: s.companyName,
    street: s.street ?? null,
    zipCode: s.zipCode ?? null,
    city: s.city ?? null,
    country: s.country ?? null,
    email: s.email ?? null,
    phone: s.phone ?? null,
    website: s.website ?? null,
    taxNumber: s.taxNumber ?? null,
    vatId: s.vatId ?? null,
    managingDirector: s.managingDirector ?? null,
    registerCourt: s.registerCourt ?? null,
    registerNumber: s.registerNumber ?? null,
    bankName: s.bankName ?? null,
    iban: s.iban ?? null,
    bic: s.bic ?? null,
    // E-invoice data (BT-40, BT-34, BT-41..43), frozen with the rest.
    countryCode: s.countryCode ?? null,
    contactName: s.contactName ?? null,
    contactPhone: s.contactPhone ?? s.phone ?? null,
    contactEmail: s.contactEmail ?? s.email ?? null,
    electronicAddress: s.electronicAddress ?? s.contactEmail ?? s.email ?? null,
    electronicAddressScheme: s.electronicAddress ? (s.electronicAddressScheme ?? 'EM') : s.contactEmail || s.email ? 'EM' : null,
  };
}

export async function buyerSnapshot(em: EntityManager, c: Customer): Promise<PartySnapshot> {
  const contact = await em.findOne(Contact, { customer: c.id, isPrimary: true });
  return {
    name: c.name,
    contactName: contact ? `${contact.firstName} ${contact.lastName}` : null,
    street: c.street ?? null,
    zipCode: c.zipCode ?? null,
    city: c.city ?? null,
    country: c.country ?? null,
    vatId: c.vatId ?? null,
    customerNumber: c.customerNumber,
    // E-invoice data (BT-55, BT-10, BT-49) and the format the customer wants, frozen with the rest.
    countryCode: c.countryCode ?? null,
    buyerReference: c.buyerReference ?? null,
    email: c.email ?? contact?.email ?? null,
    electronicAddress: c.electronicAddress ?? c.email ?? contact?.email ?? null,
    electronicAddressScheme: c.electronicAddress ? (c.electronicAddressScheme ?? 'EM') : c.email || contact?.email ? 'EM' : null,
    einvoiceFormat: c.einvoiceFormat ?? 'none',
    publicAuthority: c.type === 'government' ? 'true' : 'false',
  };
}

const SERIES = { invoice: 'invoice', quote: 'quote', cancellation: 'cancellation', credit_note: 'credit_note' } as const;

function patternOf(settings: CompanySettings, type: Invoice['type']): string {
  if (type === 'quote') return settings.quoteNumberPattern;
  if (type === 'cancellation') return settings.cancellationNumberPattern;
  if (type === 'credit_note') return settings.creditNoteNumberPattern;
  return settings.invoiceNumberPattern;
}

/**
 * Numbers and freezes a draft, inside the caller's transaction. The number comes from the
 * series' counter row, incremented in this same transaction: concurrent finalizations queue on
 * that row, and a rollback returns the number, so numbers are unique and gap-free.
 */
export async function finalizeLocked(tx: EntityManager, invoice: Invoice, now: Date = new Date()): Promise<void> {
  if (invoice.status !== 'draft') throw appError('CONFLICT', 'invoice.alreadyFinalized', { number: String(invoice.number) }, { field: 'id' });
  const settings = await loadSettings(tx);
  await tx.populate(invoice, ['customer']);
  const lines = await tx.find(InvoiceLine, { invoice: invoice.id }, { orderBy: { position: 'asc' } });
  // Totals are computed afresh with the tax settings in force now.
  // Cancellations and credit notes keep their original's tax case.
  if (invoice.type !== 'cancellation') applyTotals(invoice, lines, invoice.type === 'credit_note' ? invoice.taxCase : taxCaseFor(settings, invoice.reverseCharge));
  const seller = sellerSnapshot(settings);
  const buyer = invoice.buyer ?? (await buyerSnapshot(tx, invoice.customer));
  const problems = mandatoryContentProblems({
    type: invoice.type,
    taxCase: invoice.taxCase,
    seller: { companyName: seller.companyName ?? null, street: seller.street ?? null, zipCode: seller.zipCode ?? null, city: seller.city ?? null, taxNumber: seller.taxNumber ?? null, vatId: seller.vatId ?? null, iban: seller.iban ?? null },
    buyer: { name: buyer.name ?? null, street: buyer.street ?? null, zipCode: buyer.zipCode ?? null, city: buyer.city ?? null, vatId: buyer.vatId ?? null },
    serviceDate: dateOnly(invoice.serviceDate),
    servicePeriodFrom: dateOnly(invoice.servicePeriodFrom),
    servicePeriodTo: dateOnly(invoice.servicePeriodTo),
    lines: lines.map((l) => ({ description: l.description, quantity: quantityText(l.quantity) })),
    grossTotal: String(invoice.grossTotal),
  });
  // A customer who wants e-invoices gets a complete one, or the invoice is not finalized yet.
  if (invoice.type !== 'quote' && buyer.einvoiceFormat && buyer.einvoiceFormat !== 'none') {
    Object.assign(
      problems,
      einvoiceProblems({
        format: buyer.einvoiceFormat as EInvoiceFormat,
        taxCase: invoice.taxCase,
        publicAuthority: buyer.publicAuthority === 'true',
        seller: { countryCode: seller.countryCode ?? null, electronicAddress: seller.electronicAddress ?? null, email: seller.contactEmail ?? null, phone: seller.contactPhone ?? null, vatId: seller.vatId ?? null, iban: seller.iban ?? null },
        buyer: { countryCode: buyer.countryCode ?? null, buyerReference: buyer.buyerReference ?? null, electronicAddress: buyer.electronicAddress ?? null, email: buyer.email ?? null, vatId: buyer.vatId ?? null },
        lines: lines.map((l) => ({ unit: l.unit })),
        finalVatRows: invoice.kind === 'final' ? invoice.taxBreakdown : null,
      }),
    );
  }
  if (Object.keys(problems).length > 0) {
    // Every mandatory-content problem is a text of the error catalog (a test in domain holds it so).
    const issues = Object.fromEntries(Object.entries(problems).map(([field, text]) => [field, codeOfText(text) ?? { code: 'field.required' as const, params: {} }]));
    throw appError('BAD_REQUEST', 'invoice.notFinalizable', { problems: Object.values(problems).join('; ') }, { fields: issues, field: Object.keys(problems)[0] });
  }
  // Credit notes lower their original, final invoices check their deductions (invoice-corrections).
  await beforeNumbering(tx, invoice);
  const today = berlinDay(now);
  invoice.number = await nextNumber(tx, SERIES[invoice.type], patternOf(settings, invoice.type), now);
  invoice.status = 'finalized';
  invoice.issueDate = today;
  invoice.dueDate = invoice.type === 'invoice' ? addDays(today, invoice.paymentTermsDays) : null;
  if (invoice.type === 'quote' && !invoice.validUntil) invoice.validUntil = addDays(today, QUOTE_VALID_DAYS);
  invoice.seller = seller;
  invoice.buyer = buyer;
  invoice.finalizedAt = now;
  // Published once, with the finalization; its subscribers (packages/domain/src/events.ts) post
  // the chat message now and have the archived PDF rendered after commit.
  await publishEvent(tx, EVENTS.invoiceFinalized, { invoiceId: invoice.id });
}

export async function finalizeInvoice(em: EntityManager, input: { id: string; version?: number | undefined }): Promise<InvoiceDto> {
  await em.transactional(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    if (invoice.status !== 'draft') throw appError('CONFLICT', 'invoice.alreadyFinalized', { number: String(invoice.number) }, { field: 'id' });
    checkVersion(invoice, input.version, 'document');
    await finalizeLocked(tx, invoice);
    await tx.flush();
  });
  return getInvoice(em, input.id);
}

/** Sending: a draft is finalized first; a finalized document becomes sent. */
export async function markSentLocked(tx: EntityManager, invoice: Invoice, now: Date = new Date()): Promise<void> {
  if (invoice.status === 'cancelled') throw appError('CONFLICT', 'invoice.cancelledNotSent', { number: String(invoice.number) }, { field: 'id' });
  if (invoice.status === 'draft') await finalizeLocked(tx, invoice, now);
  if (!invoice.sentAt) invoice.sentAt = now;
  if (invoice.status === 'finalized') invoice.status = 'sent';
}

export async function markSent(em: EntityManager, id: string): Promise<InvoiceDto> {
  await em.transactional(async (tx) => {
    const invoice = await lockInvoice(tx, id);
    await markSentLocked(tx, invoice);
    await tx.flush();
  });
  return getInvoice(em, id);
}
