import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import type { Language } from '@workmate/domain/enums';
import { notFound } from '@workmate/domain/errors';
import { GirocodeError, girocodeAmount, girocodePayload } from '@workmate/domain/girocode';
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';
import { showDay } from '@workmate/domain/time-rules';
import { loadSettings } from '../core/settings.ts';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceLine } from '../entities/invoice-line.ts';
import { buyerSnapshot, sellerSnapshot } from './finalize.ts';
import { dateOnly, moneyText } from '../shared/format.ts';
import { priceText, quantityText } from './mapping.ts';
import { printCorrections } from './print-corrections.ts';
import { skontoOffer } from './skonto.ts';

/** What the worker needs besides the printed content: the version, whether a PDF is archived already, and the company's own template. */
export type PrintModel = InvoiceDocumentModel & { draft: boolean; version: number; id: string; archived: boolean; templatePath: string | null };

const TAX_NOTES: Record<'small_business' | 'reverse_charge', Record<Language, string>> = {
  small_business: {
    de: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    en: 'No VAT is charged: small business under § 19 UStG (German VAT Act).',
  },
  reverse_charge: {
    de: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG).',
    en: 'Reverse charge: the recipient of the service is liable for VAT (Steuerschuldnerschaft des Leistungsempfängers, § 13b UStG).',
  },
};


function defaultPaymentTerms(lang: Language, days: number, dueDate: string | null): string | null {
  if (!dueDate) return null;
  if (days === 0) return lang === 'de' ? 'Zahlbar sofort ohne Abzug.' : 'Payable immediately without deduction.';
  return lang === 'de' ? `Zahlbar innerhalb von ${days} Tagen ohne Abzug bis zum ${showDay(dueDate, lang)}.` : `Payable within ${days} days without deduction by ${showDay(dueDate, lang)}.`;
}

/** The Skonto line of an invoice; a draft counts from today like its printed dates. */
function printedSkonto(inv: Invoice, issueDate: string): InvoiceDocumentModel['skonto'] {
  const offer = skontoOffer(inv);
  if (!offer) return null;
  return { percent: offer.percent, until: offer.until ?? addDays(issueDate, offer.days), discount: offer.discount, reducedAmount: offer.reducedAmount };
}

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/**
 * The GiroCode text for a payable invoice, from the seller's frozen bank details. An IBAN that
 * fails the check (the settings only check its shape) leaves the code out instead of failing the
 * archived PDF: the bank details are still printed, and a wrong code would send money astray.
 */
function girocodeOf(inv: Invoice, seller: { name: string; iban: string | null; bic: string | null }): string | null {
  const amount = girocodeAmount({ type: inv.type, status: inv.status, grossTotal: moneyText(inv.grossTotal), paidAmount: moneyText(inv.paidAmount) });
  if (amount === null || !seller.iban || !inv.number) return null;
  try {
    return girocodePayload({ bic: seller.bic, name: seller.name, iban: seller.iban, amount, text: inv.number });
  } catch (error) {
    if (error instanceof GirocodeError) return null;
    throw error;
  }
}

/**
 * Everything the PDF shows, resolved: a finalized document prints its frozen seller and buyer;
 * a draft prints today's data (and is marked as a draft, without a number).
 */
export async function buildPrintModel(em: EntityManager, id: string, now: Date = new Date()): Promise<PrintModel> {
  const inv = await em.findOne(Invoice, { id }, { populate: ['customer', 'project'], refresh: true });
  if (!inv) throw notFound('Invoice', id);
  const settings = await loadSettings(em);
  const lines = await em.find(InvoiceLine, { invoice: id }, { orderBy: { position: 'asc' }, refresh: true });
  const draft = inv.status === 'draft';
  const seller = inv.seller ?? sellerSnapshot(settings);
  const buyer = inv.buyer ?? (await buyerSnapshot(em, inv.customer));
  const issueDate = dateOnly(inv.issueDate) ?? berlinDay(now);
  const dueDate = inv.type === 'invoice' ? (dateOnly(inv.dueDate) ?? addDays(issueDate, inv.paymentTermsDays)) : null;
  const lang: Language = inv.language === 'en' ? 'en' : 'de';
  let cancels: InvoiceDocumentModel['cancels'] = null;
  if (inv.cancelsId) {
    const original = await em.findOne(Invoice, { id: inv.cancelsId });
    if (original) cancels = { number: original.number ?? '', issueDate: dateOnly(original.issueDate) ?? '' };
  }
  const from = dateOnly(inv.servicePeriodFrom);
  const to = dateOnly(inv.servicePeriodTo);
  return {
    id: inv.id,
    version: inv.version,
    draft,
    archived: Boolean(inv.pdfDocument),
    templatePath: settings.pdfTemplatePath ?? null,
    kind: inv.type,
    language: lang,
    number: inv.number ?? '',
    issueDate,
    serviceDate: dateOnly(inv.serviceDate),
    servicePeriod: from && to ? { from, to } : null,
    dueDate,
    validUntil: dateOnly(inv.validUntil),
    cancels,
    seller: {
      name: s(seller.companyName) ?? '',
      street: s(seller.street),
      zipCode: s(seller.zipCode),
      city: s(seller.city),
      country: s(seller.country),
      email: s(seller.email),
      phone: s(seller.phone),
      website: s(seller.website),
      taxNumber: s(seller.taxNumber),
      vatId: s(seller.vatId),
      managingDirector: s(seller.managingDirector),
      registerCourt: s(seller.registerCourt),
      registerNumber: s(seller.registerNumber),
      bankName: s(seller.bankName),
      iban: s(seller.iban),
      bic: s(seller.bic),
      logoDataUrl: settings.logoDataUrl ?? null,
    },
    buyer: {
      name: s(buyer.name) ?? '',
      contactName: s(buyer.contactName),
      street: s(buyer.street),
      zipCode: s(buyer.zipCode),
      city: s(buyer.city),
      country: s(buyer.country),
      vatId: s(buyer.vatId),
      customerNumber: s(buyer.customerNumber) ?? '',
    },
    projectTitle: inv.project ? `${inv.project.projectNumber} ${inv.project.title}` : null,
    introText: inv.introText ?? null,
    items: lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity: quantityText(l.quantity),
      unit: l.unit,
      unitPrice: priceText(l.unitPrice),
      taxRate: String(inv.taxCase === 'standard' ? Number(l.taxRate) : 0),
      netAmount: moneyText(l.netAmount),
    })),
    taxBreakdown: inv.taxBreakdown.map((r) => ({ taxRate: String(r.taxRate), netAmount: r.netAmount, taxAmount: r.taxAmount })),
    netTotal: moneyText(inv.netTotal),
    taxTotal: moneyText(inv.taxTotal),
    grossTotal: moneyText(inv.grossTotal),
    currency: 'EUR',
    taxCase: inv.taxCase,
    taxNote: inv.taxCase === 'standard' ? null : TAX_NOTES[inv.taxCase as 'small_business' | 'reverse_charge'][lang],
    paymentTerms: inv.paymentTerms ?? (inv.type === 'invoice' ? defaultPaymentTerms(lang, inv.paymentTermsDays, dueDate) : null),
    skonto: printedSkonto(inv, issueDate),
    footerText: inv.footerText ?? null,
    girocode: girocodeOf(inv, { name: s(seller.companyName) ?? '', iban: s(seller.iban), bic: s(seller.bic) }),
    ...(await printCorrections(em, inv)),
  };
}
