import Handlebars from 'handlebars';
import type { InvoiceEmailData } from '@workmate/db/invoices/send';
import type { Language } from '@workmate/domain/enums';
import { formatDate, formatMoney } from '../pdf/format.ts';

/**
 * The subject and plain-text body of an emailed document, per language (the document's own).
 * Plain text on purpose: it reads the same in every mail program, and the document itself is
 * the attached PDF. Compiled without HTML escaping: nothing here is HTML.
 */
const TEMPLATES: Record<Language, { subject: string; body: string }> = {
  de: {
    subject: '{{label}} {{number}}{{#if company}} von {{company}}{{/if}}',
    body: `Guten Tag,

{{#if message}}{{message}}

{{/if}}anbei erhalten Sie {{article}} {{label}} {{number}} vom {{issueDate}}{{#if amount}} über {{amount}}{{/if}}.{{#if dueDate}}
Bitte überweisen Sie den Betrag bis zum {{dueDate}}.{{/if}}{{#if validUntil}}
Das Angebot gilt bis zum {{validUntil}}.{{/if}}

Mit freundlichen Grüßen
{{company}}
`,
  },
  en: {
    subject: '{{label}} {{number}}{{#if company}} from {{company}}{{/if}}',
    body: `Hello,

{{#if message}}{{message}}

{{/if}}please find attached our {{lowerLabel}} {{number}} of {{issueDate}}{{#if amount}} for {{amount}}{{/if}}.{{#if dueDate}}
Please pay the amount by {{dueDate}}.{{/if}}{{#if validUntil}}
The quote is valid until {{validUntil}}.{{/if}}

Kind regards
{{company}}
`,
  },
};

const LABELS: Record<Language, Record<InvoiceEmailData['invoice']['type'], string>> = {
  de: { invoice: 'Rechnung', quote: 'Angebot', cancellation: 'Stornorechnung', credit_note: 'Rechnungskorrektur' },
  en: { invoice: 'Invoice', quote: 'Quote', cancellation: 'Cancellation invoice', credit_note: 'Credit note' },
};
const ARTICLES_DE: Record<InvoiceEmailData['invoice']['type'], string> = { invoice: 'unsere', quote: 'unser', cancellation: 'unsere', credit_note: 'unsere' };

const compiled = Object.fromEntries(
  Object.entries(TEMPLATES).map(([lang, t]) => [lang, { subject: Handlebars.compile(t.subject, { noEscape: true, strict: false }), body: Handlebars.compile(t.body, { noEscape: true }) }]),
) as Record<Language, { subject: Handlebars.TemplateDelegate; body: Handlebars.TemplateDelegate }>;

export function renderInvoiceEmail(data: InvoiceEmailData): { subject: string; text: string } {
  const lang = data.send.language;
  const inv = data.invoice;
  const label = LABELS[lang][inv.type];
  const view = {
    label,
    lowerLabel: label.toLowerCase(),
    article: ARTICLES_DE[inv.type],
    number: inv.number,
    company: inv.companyName,
    message: data.send.message,
    issueDate: inv.issueDate ? formatDate(inv.issueDate, lang) : '',
    // A cancellation's or credit note's amount is negative: it is named by the PDF, not here.
    amount: inv.type === 'cancellation' || inv.type === 'credit_note' ? null : formatMoney(inv.grossTotal, lang),
    dueDate: inv.type === 'invoice' && inv.dueDate ? formatDate(inv.dueDate, lang) : null,
    validUntil: inv.type === 'quote' && inv.validUntil ? formatDate(inv.validUntil, lang) : null,
  };
  // One line, whatever the data holds: a subject with a line break would end the header.
  return { subject: compiled[lang].subject(view).replace(/[\r\n]+/g, ' '), text: compiled[lang].body(view) };
}
