import { describe, expect, it } from 'vitest';
import { priceOf, toEInvoiceJson, type EInvoiceModel } from './einvoice-json.ts';

const base: EInvoiceModel = {
  draft: false,
  kind: 'invoice',
  language: 'de',
  number: 'RE-2026-0001',
  issueDate: '2026-12-01',
  serviceDate: '2026-11-30',
  servicePeriod: null,
  dueDate: '2026-12-15',
  validUntil: null,
  cancels: null,
  seller: { name: 'Firma GmbH', street: 'Weg 1', zipCode: '10117', city: 'Berlin', country: 'Deutschland', email: null, phone: null, website: null, taxNumber: '30/123/45678', vatId: 'DE123456789', managingDirector: null, registerCourt: null, registerNumber: null, bankName: null, iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', logoDataUrl: null },
  buyer: { name: 'Kunde AG', contactName: null, street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland', vatId: null, customerNumber: 'CUS-1' },
  projectTitle: null,
  introText: null,
  items: [
    { position: 1, description: 'Beratung', quantity: '2', unit: 'Std.', unitPrice: '100.00', taxRate: '19', netAmount: '200.00' },
    { position: 2, description: 'Rabatt', quantity: '1', unit: 'pauschal', unitPrice: '-20.00', taxRate: '19', netAmount: '-20.00' },
  ],
  taxBreakdown: [{ taxRate: '19', netAmount: '180.00', taxAmount: '34.20' }],
  netTotal: '180.00',
  taxTotal: '34.20',
  grossTotal: '214.20',
  currency: 'EUR',
  taxCase: 'standard',
  taxNote: null,
  paymentTerms: 'Zahlbar bis 15.12.2026.',
  footerText: null,
  girocode: null,
  format: 'xrechnung-ubl',
  publicAuthority: false,
  sellerExtra: { countryCode: 'DE', contactName: 'Erika', contactPhone: '+49 30 1', contactEmail: 'r@firma.example', electronicAddress: 'r@firma.example', electronicAddressScheme: 'EM' },
  buyerExtra: { countryCode: 'DE', buyerReference: null, email: 'k@kunde.example', electronicAddress: 'k@kunde.example', electronicAddressScheme: 'EM' },
  skontoText: '',
};

describe('our invoice as the library JSON', () => {
  it('writes prices with two places exactly, moving extra places into the base quantity', () => {
    expect(priceOf('95.00')).toEqual({ 'cbc:PriceAmount': '95.00', 'cbc:PriceAmount@currencyID': 'EUR' });
    expect(priceOf('1.2605')).toEqual({ 'cbc:PriceAmount': '126.05', 'cbc:PriceAmount@currencyID': 'EUR', 'cbc:BaseQuantity': '100' });
    expect(priceOf('0.125')).toEqual({ 'cbc:PriceAmount': '1.25', 'cbc:PriceAmount@currencyID': 'EUR', 'cbc:BaseQuantity': '10' });
  });

  it('never writes a negative price (BR-27): a discount line carries its sign in the quantity', () => {
    const json = toEInvoiceJson(base)['ubl:Invoice'];
    const discount = json['cac:InvoiceLine'][1];
    expect(discount?.['cac:Price']['cbc:PriceAmount']).toBe('20.00');
    expect(discount?.['cbc:InvoicedQuantity']).toBe('-1');
    expect(discount?.['cbc:LineExtensionAmount']).toBe('-20.00');
    expect(json['cbc:InvoiceTypeCode']).toBe('380');
    expect(json['cbc:BuyerReference']).toBe('CUS-1');
    expect(json['cac:PaymentMeans']?.[0]?.['cac:PayeeFinancialAccount']?.['cbc:ID']).toBe('DE89370400440532013000');
    expect(json['cac:PaymentTerms']?.['cbc:Note']).toBe('Zahlbar bis 15.12.2026.');
  });

  it('a cancellation is a credit note 381 with positive amounts and the cancelled invoice as BT-25/26', () => {
    const cancellation: EInvoiceModel = {
      ...base,
      kind: 'cancellation',
      number: 'ST-2026-0001',
      dueDate: null,
      paymentTerms: null,
      cancels: { number: 'RE-2026-0001', issueDate: '2026-12-01' },
      items: [{ position: 1, description: 'Beratung', quantity: '-2', unit: 'Std.', unitPrice: '100.00', taxRate: '19', netAmount: '-200.00' }],
      taxBreakdown: [{ taxRate: '19', netAmount: '-200.00', taxAmount: '-38.00' }],
      netTotal: '-200.00',
      taxTotal: '-38.00',
      grossTotal: '-238.00',
    };
    const json = toEInvoiceJson(cancellation)['ubl:Invoice'];
    expect(json['cbc:InvoiceTypeCode']).toBe('381');
    expect(json['cac:BillingReference']).toEqual([{ 'cac:InvoiceDocumentReference': { 'cbc:ID': 'RE-2026-0001', 'cbc:IssueDate': '2026-12-01' } }]);
    expect(json['cac:LegalMonetaryTotal']['cbc:PayableAmount']).toBe('238.00');
    expect(json['cac:TaxTotal'][0]['cbc:TaxAmount']).toBe('38.00');
    expect(json['cac:InvoiceLine'][0]?.['cbc:InvoicedQuantity']).toBe('2');
    expect(json['cbc:DueDate']).toBeUndefined();
    // BR-CO-25: with no due date, payment terms are required.
    expect(json['cac:PaymentTerms']?.['cbc:Note']).toContain('RE-2026-0001');
  });

  it('Skonto terms are appended to the payment terms (BT-20)', () => {
    const json = toEInvoiceJson({ ...base, skontoText: '#SKONTO#TAGE=14#PROZENT=2.00#\n' })['ubl:Invoice'];
    expect(json['cac:PaymentTerms']?.['cbc:Note']).toBe('Zahlbar bis 15.12.2026.\n#SKONTO#TAGE=14#PROZENT=2.00#\n');
  });

  it('refuses a unit without a UN/ECE code instead of guessing one', () => {
    expect(() => toEInvoiceJson({ ...base, items: [{ ...(base.items[0] as EInvoiceModel['items'][number]), unit: 'Leistung' }] })).toThrow(/no UN\/ECE Rec 20 code/);
  });
});
