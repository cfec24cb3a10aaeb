import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { InvoiceService, type Invoice } from '@e-invoice-eu/core';
import type { TestApp } from './app.ts';

/**
 * Sample e-invoices for the inbox tests, written by @e-invoice-eu/core (the library that also
 * writes ours) from one UBL-shaped JSON: two lines at 19 % and 7 %, so two VAT rows.
 *   line 1: 10 h × 100.00 = 1000.00 at 19 % → 190.00
 *   line 2:  3 × 33.33    =   99.99 at  7 % →   7.00 (6.9993 rounded)
 *   net 1099.99, VAT 197.00, gross 1296.99, due 1296.99
 */
export interface SampleOptions {
  number?: string;
  sellerName?: string;
  vatId?: string;
  currency?: Invoice['ubl:Invoice']['cbc:DocumentCurrencyCode'];
}

const svc = new InvoiceService({ log: () => undefined, warn: () => undefined, error: (...a: unknown[]) => console.error(...a) });

export function sampleInvoiceJson(options: SampleOptions = {}): Invoice {
  const c = options.currency ?? 'EUR';
  const tax = (percent: string) => ({ 'cbc:ID': 'S' as const, 'cbc:Percent': percent, 'cac:TaxScheme': { 'cbc:ID': 'VAT' as const } });
  return {
    'ubl:Invoice': {
      'cbc:ID': options.number ?? `LI-${randomUUID().slice(0, 8)}`,
      'cbc:IssueDate': '2026-11-20',
      'cbc:DueDate': '2026-12-04',
      'cbc:InvoiceTypeCode': '380',
      'cbc:DocumentCurrencyCode': c,
      'cbc:BuyerReference': '04011000-12345-34',
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          'cbc:EndpointID': 'rechnung@lieferant.example',
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PartyName': { 'cbc:Name': options.sellerName ?? 'Lieferant GmbH' },
          'cac:PostalAddress': { 'cbc:StreetName': 'Lagerweg 5', 'cbc:CityName': 'Köln', 'cbc:PostalZone': '50667', 'cac:Country': { 'cbc:IdentificationCode': 'DE' } },
          'cac:PartyTaxScheme': [{ 'cbc:CompanyID': options.vatId ?? 'DE987654321', 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }],
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': options.sellerName ?? 'Lieferant GmbH' },
          'cac:Contact': { 'cbc:Name': 'Max Lieferant', 'cbc:Telephone': '+49 221 123', 'cbc:ElectronicMail': 'buchhaltung@lieferant.example' },
        },
      },
      'cac:AccountingCustomerParty': {
        'cac:Party': {
          'cbc:EndpointID': 'einkauf@workmate.example',
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PostalAddress': { 'cbc:StreetName': 'Hauptstraße 1', 'cbc:CityName': 'Berlin', 'cbc:PostalZone': '10115', 'cac:Country': { 'cbc:IdentificationCode': 'DE' } },
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': 'Workmate GmbH' },
        },
      },
      // Without cac:Delivery the library leaves out the CII's mandatory ApplicableHeaderTradeDelivery.
      'cac:Delivery': { 'cbc:ActualDeliveryDate': '2026-11-15' },
      'cac:PaymentMeans': [{ 'cbc:PaymentMeansCode': '58', 'cac:PayeeFinancialAccount': { 'cbc:ID': 'DE02120300000000202051', 'cbc:Name': 'Lieferant GmbH', 'cac:FinancialInstitutionBranch': { 'cbc:ID': 'BYLADEM1001' } } }],
      'cac:PaymentTerms': { 'cbc:Note': 'Zahlbar bis 04.12.2026 ohne Abzug.' },
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': '197.00',
          'cbc:TaxAmount@currencyID': c,
          'cac:TaxSubtotal': [
            { 'cbc:TaxableAmount': '1000.00', 'cbc:TaxableAmount@currencyID': c, 'cbc:TaxAmount': '190.00', 'cbc:TaxAmount@currencyID': c, 'cac:TaxCategory': tax('19') },
            { 'cbc:TaxableAmount': '99.99', 'cbc:TaxableAmount@currencyID': c, 'cbc:TaxAmount': '7.00', 'cbc:TaxAmount@currencyID': c, 'cac:TaxCategory': tax('7') },
          ],
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': '1099.99',
        'cbc:LineExtensionAmount@currencyID': c,
        'cbc:TaxExclusiveAmount': '1099.99',
        'cbc:TaxExclusiveAmount@currencyID': c,
        'cbc:TaxInclusiveAmount': '1296.99',
        'cbc:TaxInclusiveAmount@currencyID': c,
        'cbc:PayableAmount': '1296.99',
        'cbc:PayableAmount@currencyID': c,
      },
      'cac:InvoiceLine': [
        {
          'cbc:ID': '1',
          'cbc:InvoicedQuantity': '10',
          'cbc:InvoicedQuantity@unitCode': 'HUR',
          'cbc:LineExtensionAmount': '1000.00',
          'cbc:LineExtensionAmount@currencyID': c,
          'cac:Item': { 'cbc:Name': 'Montage', 'cac:ClassifiedTaxCategory': tax('19') },
          'cac:Price': { 'cbc:PriceAmount': '100.00', 'cbc:PriceAmount@currencyID': c },
        },
        {
          'cbc:ID': '2',
          'cbc:InvoicedQuantity': '3',
          'cbc:InvoicedQuantity@unitCode': 'C62',
          'cbc:LineExtensionAmount': '99.99',
          'cbc:LineExtensionAmount@currencyID': c,
          'cac:Item': { 'cbc:Name': 'Fachbuch', 'cac:ClassifiedTaxCategory': tax('7') },
          'cac:Price': { 'cbc:PriceAmount': '33.33', 'cbc:PriceAmount@currencyID': c },
        },
      ],
    },
  };
}

async function plainPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

export async function sampleXml(format: 'UBL' | 'CII' | 'XRECHNUNG-UBL' | 'XRECHNUNG-CII', options: SampleOptions = {}): Promise<Buffer> {
  const out = await svc.generate(sampleInvoiceJson(options), { format, lang: 'de-de' });
  return Buffer.from(out);
}

export async function sampleFacturX(options: SampleOptions = {}): Promise<Buffer> {
  const pdf = await plainPdf(`Rechnung ${options.number ?? ''}`);
  const out = await svc.generate(sampleInvoiceJson(options), { format: 'Factur-X-EN16931', lang: 'de-de', pdf: { buffer: pdf, filename: 'rechnung.pdf', mimetype: 'application/pdf' } });
  return Buffer.from(out);
}

/** A PDF without an embedded invoice. */
export async function samplePlainPdf(): Promise<Buffer> {
  return Buffer.from(await plainPdf(`Nur ein PDF ${randomUUID()}`));
}

export interface EInvoiceAnswer {
  status: number;
  body: { invoice?: { id: string; [key: string]: unknown }; error?: { code: string; message: string; data?: { appCode?: string; params?: Record<string, string | number> } } };
}

/** Sends a file to POST /api/purchases/einvoices as multipart/form-data (or as the raw body). */
export async function uploadEInvoice(app: Pick<TestApp, 'url'>, token: string, bytes: Uint8Array, options: { name?: string; raw?: boolean } = {}): Promise<EInvoiceAnswer> {
  const name = options.name ?? 'rechnung.xml';
  let init: RequestInit;
  if (options.raw) {
    init = { method: 'POST', body: new Uint8Array(bytes), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) } };
  } else {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    init = { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } };
  }
  const res = await fetch(`${app.url}/api/purchases/einvoices`, init);
  return { status: res.status, body: (await res.json()) as EInvoiceAnswer['body'] };
}
