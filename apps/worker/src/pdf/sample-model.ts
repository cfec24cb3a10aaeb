// Realistic documents for looking at the layout and for tests: one invoice in each tax case,
// a quote, a cancellation and a long invoice that spans pages.
import { girocodePayload } from '@workmate/domain/girocode';
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';
import type { Language } from './format.ts';

export const SAMPLE_VARIANTS = ['standard', 'reverse-charge', 'small-business', 'cancellation', 'quote', 'long'] as const;
export type SampleVariant = (typeof SAMPLE_VARIANTS)[number];

type Item = InvoiceDocumentModel['items'][number];

const TEXT = {
  de: {
    consulting:
      'Beratung und Konzeption „Digitale Auftragsabwicklung“\nWorkshops vor Ort (Ist-Analyse, Soll-Prozesse), Abstimmung mit Geschäftsführung und Fachabteilungen, Dokumentation der Ergebnisse als Fachkonzept inkl. Prozesslandkarte und Maßnahmenplan',
    book: 'Fachbuch „Prozessmanagement kompakt“, 3. Auflage',
    setup: 'Einrichtung Projektplattform und Schulung der Mitarbeitenden',
    attention: 'z. Hd. Frau Petra Müller',
    hours: 'Std.',
    pieces: 'Stk.',
    days: 'Tage',
    intro: 'Sehr geehrte Damen und Herren,\nfür die im Leistungszeitraum erbrachten Leistungen berechnen wir Ihnen:',
    quoteIntro: 'Sehr geehrte Damen und Herren,\nvielen Dank für Ihre Anfrage. Gerne bieten wir Ihnen an:',
    terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
    thanks: 'Vielen Dank für die gute Zusammenarbeit!',
    project: 'Digitalisierung Auftragsabwicklung',
    reverseCharge: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG).',
    smallBusiness: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
  },
  en: {
    consulting:
      'Consulting and concept "Digital order processing"\nOn-site workshops (current state analysis, target processes), alignment with management and departments, documentation of the results as a functional concept including process map and action plan',
    book: 'Book "Process management in brief", 3rd edition',
    setup: 'Setup of the project platform and staff training',
    attention: 'Attn. Ms Petra Müller',
    hours: 'h',
    pieces: 'pcs',
    days: 'days',
    intro: 'Dear Sir or Madam,\nfor the services rendered in the service period we invoice you as follows:',
    quoteIntro: 'Dear Sir or Madam,\nthank you for your enquiry. We are pleased to offer:',
    terms: 'Payable within 14 days without deduction.',
    thanks: 'Thank you for working with us!',
    project: 'Digital order processing',
    reverseCharge: 'Reverse charge: the recipient of the service is liable for VAT (Steuerschuldnerschaft des Leistungsempfängers).',
    smallBusiness: 'No VAT is charged under § 19 UStG (small business).',
  },
} satisfies Record<Language, Record<string, string>>;

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60"><rect width="60" height="60" rx="10" fill="#1f4e79"/><text x="30" y="41" font-family="DejaVu Sans" font-size="30" font-weight="bold" fill="#fff" text-anchor="middle">BC</text><text x="72" y="28" font-family="DejaVu Sans" font-size="18" font-weight="bold" fill="#1f4e79">Beispiel</text><text x="72" y="50" font-family="DejaVu Sans" font-size="14" fill="#555">Consulting GmbH</text></svg>';
const LOGO = `data:image/svg+xml;base64,${Buffer.from(LOGO_SVG).toString('base64')}`;

const SELLER: InvoiceDocumentModel['seller'] = {
  name: 'Beispiel Consulting GmbH',
  street: 'Friedrichstraße 123',
  zipCode: '10117',
  city: 'Berlin',
  country: 'Deutschland',
  email: 'rechnung@beispiel-consulting.de',
  phone: '+49 30 1234567-0',
  website: 'www.beispiel-consulting.de',
  taxNumber: '37/123/45678',
  vatId: 'DE123456789',
  managingDirector: 'Dr. Anna Beispiel',
  registerCourt: 'Amtsgericht Berlin-Charlottenburg',
  registerNumber: 'HRB 123456 B',
  bankName: 'Commerzbank Berlin',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  logoDataUrl: null,
};

function standardItems(language: Language): Item[] {
  const t = TEXT[language];
  return [
    { position: 1, description: t.consulting, quantity: '12.5', unit: t.hours, unitPrice: '120.00', taxRate: '19.00', netAmount: '1500.00' },
    { position: 2, description: t.book, quantity: '3', unit: t.pieces, unitPrice: '34.90', taxRate: '7.00', netAmount: '104.70' },
    { position: 3, description: t.setup, quantity: '1.5', unit: t.days, unitPrice: '850.00', taxRate: '19.00', netAmount: '1275.00' },
  ];
}

function standard(language: Language): InvoiceDocumentModel {
  const t = TEXT[language];
  return {
    kind: 'invoice',
    language,
    number: 'RE-2026-0042',
    issueDate: '2026-11-20',
    serviceDate: null,
    servicePeriod: { from: '2026-10-01', to: '2026-10-31' },
    dueDate: '2026-12-04',
    validUntil: null,
    cancels: null,
    seller: SELLER,
    buyer: {
      name: 'Müller & Söhne KG',
      contactName: t.attention,
      street: 'Hohe Straße 45',
      zipCode: '50667',
      city: 'Köln',
      country: 'Deutschland',
      vatId: null,
      customerNumber: 'K-10023',
    },
    projectTitle: t.project,
    introText: t.intro,
    items: standardItems(language),
    taxBreakdown: [
      { taxRate: '19.00', netAmount: '2775.00', taxAmount: '527.25' },
      { taxRate: '7.00', netAmount: '104.70', taxAmount: '7.33' },
    ],
    netTotal: '2879.70',
    taxTotal: '534.58',
    grossTotal: '3414.28',
    currency: 'EUR',
    taxCase: 'standard',
    taxNote: null,
    paymentTerms: t.terms,
    footerText: t.thanks,
    girocode: null,
  };
}

function untaxed(model: InvoiceDocumentModel): Pick<InvoiceDocumentModel, 'items' | 'taxBreakdown' | 'taxTotal' | 'grossTotal'> {
  const items = model.items.map((item) => ({ ...item, taxRate: '0.00' }));
  return { items, taxBreakdown: [{ taxRate: '0.00', netAmount: model.netTotal, taxAmount: '0.00' }], taxTotal: '0.00', grossTotal: model.netTotal };
}

function negate(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : amount === '0.00' ? amount : `-${amount}`;
}

function longItems(language: Language): Item[] {
  const base = standardItems(language);
  return Array.from({ length: 45 }, (_, i) => {
    const item = base[i % base.length] ?? base[0];
    if (!item) throw new Error('no sample items');
    return { ...item, position: i + 1 };
  });
}

/** The samples' invoices are payable: they carry the GiroCode the database would give them. */
export function sampleInvoiceModel(language: Language, variant: SampleVariant = 'standard'): InvoiceDocumentModel {
  const model = variantModel(language, variant);
  const { seller } = model;
  const payable = model.kind === 'invoice' && seller.iban !== null;
  return { ...model, girocode: payable ? girocodePayload({ bic: seller.bic, name: seller.name, iban: seller.iban ?? '', amount: model.grossTotal, text: model.number }) : null };
}

function variantModel(language: Language, variant: SampleVariant): InvoiceDocumentModel {
  const model = standard(language);
  const t = TEXT[language];
  switch (variant) {
    case 'standard':
      return model;
    case 'reverse-charge':
      return {
        ...model,
        ...untaxed(model),
        buyer: { name: 'Huber Handels GmbH', contactName: null, street: 'Mariahilfer Straße 88', zipCode: '1070', city: 'Wien', country: 'Österreich', vatId: 'ATU12345678', customerNumber: 'K-10311' },
        taxCase: 'reverse_charge',
        taxNote: t.reverseCharge,
      };
    case 'small-business':
      return { ...model, ...untaxed(model), seller: { ...SELLER, vatId: null }, taxCase: 'small_business', taxNote: t.smallBusiness };
    case 'cancellation':
      return {
        ...model,
        kind: 'cancellation',
        number: 'ST-2026-0003',
        issueDate: '2026-11-27',
        dueDate: null,
        cancels: { number: 'RE-2026-0042', issueDate: '2026-11-20' },
        introText: null,
        items: model.items.map((item) => ({ ...item, quantity: negate(item.quantity), netAmount: negate(item.netAmount) })),
        taxBreakdown: model.taxBreakdown.map((row) => ({ ...row, netAmount: negate(row.netAmount), taxAmount: negate(row.taxAmount) })),
        netTotal: negate(model.netTotal),
        taxTotal: negate(model.taxTotal),
        grossTotal: negate(model.grossTotal),
        paymentTerms: null,
      };
    case 'quote':
      return {
        ...model,
        kind: 'quote',
        number: 'AN-2026-0107',
        servicePeriod: null,
        dueDate: null,
        validUntil: '2026-12-20',
        seller: { ...SELLER, logoDataUrl: LOGO },
        introText: t.quoteIntro,
        paymentTerms: t.terms,
      };
    case 'long':
      // Totals are not those of the 45 lines; this variant is only for page breaks.
      return { ...model, items: longItems(language) };
  }
}
