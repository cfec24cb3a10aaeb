// Every fixed text on a printed document, per language. The template only looks these up;
// placeholders in braces ({number}) are filled by the `fill` helper with already formatted values.
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';
import type { Language } from './format.ts';

type Kind = InvoiceDocumentModel['kind'];

export interface InvoiceLabels {
  title: Record<Kind, string>;
  number: Record<Kind, string>;
  date: Record<Kind, string>;
  draft: string;
  watermark: string;
  customerNumber: string;
  buyerVatId: string;
  serviceDate: string;
  servicePeriod: string;
  dueDate: string;
  validUntil: string;
  cancels: string;
  /** A credit note's reference to the invoice it corrects (§14 UStG: number and date). */
  credits: string;
  /** Titles of deposit and final invoices (documents of kind invoice). */
  kindTitle: { deposit: string; final: string };
  /** A final invoice's block: the full service, then each deposit deducted (§14(5) UStG). */
  final: { serviceNet: string; serviceGross: string; deduction: string; deductionLine: string; restNet: string; due: string };
  project: string;
  table: { position: string; description: string; quantity: string; unit: string; unitPrice: string; taxRate: string; amount: string };
  netTotal: string;
  taxLine: string;
  taxTotal: string;
  grossTotal: Record<Kind, string>;
  transferNote: string;
  /** Skonto: the last day, the percent and the reduced amount to pay. */
  skonto: string;
  /** Caption under the GiroCode (EPC QR code) of a payable invoice. */
  girocode: string;
  seller: { phone: string; email: string; web: string; managingDirector: string; register: string; taxNumber: string; vatId: string; bank: string; iban: string; bic: string };
  page: string;
}

const de: InvoiceLabels = {
  title: { invoice: 'Rechnung', quote: 'Angebot', cancellation: 'Stornorechnung', credit_note: 'Rechnungskorrektur' },
  number: { invoice: 'Rechnungsnr.', quote: 'Angebotsnr.', cancellation: 'Stornorechnungsnr.', credit_note: 'Korrekturnr.' },
  date: { invoice: 'Rechnungsdatum', quote: 'Angebotsdatum', cancellation: 'Rechnungsdatum', credit_note: 'Rechnungsdatum' },
  draft: 'Entwurf',
  watermark: 'ENTWURF',
  customerNumber: 'Kundennr.',
  buyerVatId: 'Ihre USt-IdNr.',
  serviceDate: 'Leistungsdatum',
  servicePeriod: 'Leistungszeitraum',
  dueDate: 'Fällig am',
  validUntil: 'Gültig bis',
  cancels: 'Stornorechnung zu Rechnung {number} vom {date}',
  credits: 'Rechnungskorrektur zu Rechnung {number} vom {date}',
  kindTitle: { deposit: 'Abschlagsrechnung', final: 'Schlussrechnung' },
  final: {
    serviceNet: 'Gesamtleistung netto',
    serviceGross: 'Gesamtleistung brutto',
    deduction: 'abzgl. Abschlagsrechnung {number} vom {date}',
    deductionLine: 'davon {rate} USt.: netto {net}, USt. {tax}',
    restNet: 'Verbleibend netto',
    due: 'Noch zu zahlen',
  },
  project: 'Projekt',
  table: { position: 'Pos.', description: 'Beschreibung', quantity: 'Menge', unit: 'Einheit', unitPrice: 'Einzelpreis', taxRate: 'USt.', amount: 'Betrag' },
  netTotal: 'Summe netto',
  taxLine: 'zzgl. {rate} USt. auf {net}',
  taxTotal: 'Summe USt.',
  grossTotal: { invoice: 'Rechnungsbetrag', quote: 'Angebotssumme', cancellation: 'Stornobetrag', credit_note: 'Korrekturbetrag' },
  transferNote: 'Bitte überweisen Sie {amount} bis zum {date} unter Angabe der Rechnungsnummer auf das unten genannte Konto.',
  skonto: 'Bei Zahlung bis {date} {percent} Skonto: {amount}',
  girocode: 'Bezahlen mit GiroCode',
  seller: {
    phone: 'Tel.',
    email: 'E-Mail',
    web: 'Web',
    managingDirector: 'Geschäftsführung',
    register: 'Registergericht',
    taxNumber: 'Steuernr.',
    vatId: 'USt-IdNr.',
    bank: 'Bankverbindung',
    iban: 'IBAN',
    bic: 'BIC',
  },
  page: 'Seite {page} von {total}',
};

const en: InvoiceLabels = {
  title: { invoice: 'Invoice', quote: 'Quote', cancellation: 'Cancellation invoice', credit_note: 'Credit note' },
  number: { invoice: 'Invoice no.', quote: 'Quote no.', cancellation: 'Cancellation no.', credit_note: 'Credit note no.' },
  date: { invoice: 'Invoice date', quote: 'Quote date', cancellation: 'Invoice date', credit_note: 'Invoice date' },
  draft: 'Draft',
  watermark: 'DRAFT',
  customerNumber: 'Customer no.',
  buyerVatId: 'Your VAT ID',
  serviceDate: 'Date of service',
  servicePeriod: 'Service period',
  dueDate: 'Due date',
  validUntil: 'Valid until',
  cancels: 'Cancellation of invoice {number} dated {date}',
  credits: 'Credit note for invoice {number} dated {date}',
  kindTitle: { deposit: 'Deposit invoice', final: 'Final invoice' },
  final: {
    serviceNet: 'Total service, net',
    serviceGross: 'Total service, gross',
    deduction: 'less deposit invoice {number} dated {date}',
    deductionLine: 'of which {rate} VAT: net {net}, VAT {tax}',
    restNet: 'Remaining net',
    due: 'Amount due',
  },
  project: 'Project',
  table: { position: 'Pos.', description: 'Description', quantity: 'Qty', unit: 'Unit', unitPrice: 'Unit price', taxRate: 'VAT', amount: 'Amount' },
  netTotal: 'Net total',
  taxLine: 'plus {rate} VAT on {net}',
  taxTotal: 'Total VAT',
  grossTotal: { invoice: 'Total due', quote: 'Quote total', cancellation: 'Cancellation total', credit_note: 'Credit total' },
  transferNote: 'Please transfer {amount} by {date} to the account below, quoting the invoice number.',
  skonto: 'If paid by {date}, {percent} cash discount: {amount}',
  girocode: 'Pay with GiroCode',
  seller: {
    phone: 'Phone',
    email: 'Email',
    web: 'Web',
    managingDirector: 'Managing director',
    register: 'Register',
    taxNumber: 'Tax no.',
    vatId: 'VAT ID',
    bank: 'Bank details',
    iban: 'IBAN',
    bic: 'BIC',
  },
  page: 'Page {page} of {total}',
};

export const LABELS: Record<Language, InvoiceLabels> = { de, en };

/** "Seite {page} von {total}" with {name} placeholders replaced; unknown names stay visible. */
export function fillLabel(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
