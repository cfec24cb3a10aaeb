// Turns an InvoiceDocumentModel into self-contained HTML for the PDF renderer. The handlebars
// instance is isolated so a company's own template cannot see or override helpers registered
// elsewhere, and each template file is read and compiled once per process.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';
import { formatDate, formatMoney, formatQuantity, formatTaxRate } from './format.ts';
import type { Language } from './format.ts';
import { girocodeDataUrl } from './girocode-image.ts';
import { LABELS, fillLabel, type InvoiceLabels } from './labels.ts';

export const DEFAULT_TEMPLATE_PATH = fileURLToPath(new URL('../../templates/invoice.hbs', import.meta.url));

export type InvoiceHtmlModel = InvoiceDocumentModel & { draft: boolean };

const hbs = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate<InvoiceHtmlModel>>();

// Helpers take the language from the root context, so the template never passes it around.
function languageOf(options: HelperOptions): Language {
  const root: unknown = options.data?.root;
  const language = root && typeof root === 'object' && 'language' in root ? root.language : undefined;
  return language === 'en' ? 'en' : 'de';
}

function formatter(format: (value: string, language: Language) => string) {
  // A missing value prints nothing (optional fields); a malformed one throws rather than print wrong.
  return (value: unknown, options: HelperOptions) => (value === null || value === undefined || value === '' ? '' : format(String(value), languageOf(options)));
}

hbs.registerHelper('date', formatter(formatDate));
hbs.registerHelper('money', formatter(formatMoney));
hbs.registerHelper('qty', formatter(formatQuantity));
hbs.registerHelper('percent', formatter(formatTaxRate));
// {{fill labels.cancels number=cancels.number date=(date cancels.issueDate)}}: returns a plain
// string, so handlebars escapes the result once, values included.
hbs.registerHelper('fill', (text: unknown, options: HelperOptions) => {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.hash as Record<string, unknown>)) values[name] = String(value ?? '');
  return fillLabel(String(text ?? ''), values);
});

function templateFor(path: string): Handlebars.TemplateDelegate<InvoiceHtmlModel> {
  const key = resolve(path);
  let template = compiled.get(key);
  if (!template) {
    // strict: a misspelt field in a custom template fails the job instead of silently printing
    // an invoice that lacks a mandatory item.
    template = hbs.compile<InvoiceHtmlModel>(readFileSync(key, 'utf8'), { strict: true });
    compiled.set(key, template);
  }
  return template;
}

/** Credit notes and deposit / final invoices: their title, reference and deduction block. */
function correctionsView(model: InvoiceHtmlModel, labels: InvoiceLabels) {
  const final = model.finalInvoice ?? null;
  const kindTitle = model.invoiceKind === 'deposit' || model.invoiceKind === 'final' ? labels.kindTitle[model.invoiceKind] : null;
  return {
    credits: model.credits ?? null,
    finalInvoice: final,
    title: kindTitle ?? labels.title[model.kind],
    finalDeductions: (final?.deductions ?? []).map((d) => ({ ...d, minusGross: d.grossTotal.startsWith('-') ? d.grossTotal.slice(1) : `-${d.grossTotal}` })),
    netLabel: final ? labels.final.restNet : labels.netTotal,
    // A cancelled final invoice's deductions print negated; its total is the cancellation's.
    grossLabel: final && model.kind !== 'cancellation' ? labels.final.due : labels.grossTotal[model.kind],
  };
}

/** Values the template needs that are derived from the model, so it holds no logic of its own. */
function viewOf(model: InvoiceHtmlModel) {
  const labels = LABELS[model.language];
  const { seller, buyer } = model;
  const cityLine = (zip: string | null, city: string | null) => [zip, city].filter(Boolean).join(' ') || null;
  return {
    ...model,
    labels,
    displayNumber: model.draft ? labels.draft : model.number,
    isQuote: model.kind === 'quote',
    // §19 UStG: a small business must not show VAT at all, not even as 0 %.
    showTax: model.taxCase !== 'small_business',
    // Always present (strict templates): the Skonto offer or null.
    skonto: model.skonto ?? null,
    showTransferNote: model.kind === 'invoice' && model.dueDate !== null && seller.iban !== null && !model.grossTotal.startsWith('-'),
    // The model decides whether the document is payable by GiroCode; a draft never is, whatever it says.
    girocodeSrc: model.girocode && !model.draft ? girocodeDataUrl(model.girocode) : null,
    // Only images: anything else in a logo URL is not something to put into an <img>.
    logoSrc: seller.logoDataUrl?.startsWith('data:image/') ? seller.logoDataUrl : null,
    senderLine: [seller.name, seller.street, cityLine(seller.zipCode, seller.city)].filter(Boolean).join(' · '),
    sellerCityLine: cityLine(seller.zipCode, seller.city),
    buyerCityLine: cityLine(buyer.zipCode, buyer.city),
    // DIN 5008: the country line is only written for mail abroad.
    buyerCountry: buyer.country && buyer.country !== seller.country ? buyer.country.toUpperCase() : null,
    register: [seller.registerCourt, seller.registerNumber].filter(Boolean).join(', ') || null,
    ...correctionsView(model, labels),
  };
}

/**
 * The document as self-contained HTML. templatePath is the company's own template (relative
 * paths resolve against the working directory); it is read once, so a change to the file
 * takes effect after a worker restart.
 */
export function renderInvoiceHtml(model: InvoiceHtmlModel, templatePath?: string | null): string {
  return templateFor(templatePath ?? DEFAULT_TEMPLATE_PATH)(viewOf(model));
}
