import { describe, expect, it } from 'vitest';
import { parseScaled } from '@workmate/domain/money';
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
  it('a credit note (Rechnungskorrektur) is a 381 naming the corrected invoice (BT-25/26), amounts positive', () => {
    const note: EInvoiceModel = {
      ...base,
      kind: 'credit_note',
      number: 'GS-2026-0001',
      dueDate: null,
      paymentTerms: null,
      credits: { number: 'RE-2026-0001', issueDate: '2026-12-01' },
      items: [{ position: 1, description: 'Beratung', quantity: '-1', unit: 'Std.', unitPrice: '100.00', taxRate: '19', netAmount: '-100.00' }],
      taxBreakdown: [{ taxRate: '19', netAmount: '-100.00', taxAmount: '-19.00' }],
      netTotal: '-100.00',
      taxTotal: '-19.00',
      grossTotal: '-119.00',
    };
    const json = toEInvoiceJson(note)['ubl:Invoice'];
    expect(json['cbc:InvoiceTypeCode']).toBe('381');
    expect(json['cac:BillingReference']).toEqual([{ 'cac:InvoiceDocumentReference': { 'cbc:ID': 'RE-2026-0001', 'cbc:IssueDate': '2026-12-01' } }]);
    expect(json['cac:LegalMonetaryTotal']['cbc:PayableAmount']).toBe('119.00');
    expect(json['cac:InvoiceLine'][0]?.['cbc:InvoicedQuantity']).toBe('1');
    expect(json['cac:InvoiceLine'][0]?.['cbc:LineExtensionAmount']).toBe('100.00');
    expect(json['cac:PaymentTerms']?.['cbc:Note']).toBe('Rechnungskorrektur zu RE-2026-0001: der Betrag wird verrechnet oder erstattet.');
  });

  it('a deposit invoice is a partial invoice 326 (allowed by XRechnung BR-DE-17; 386 is not)', () => {
    const json = toEInvoiceJson({ ...base, invoiceKind: 'deposit' })['ubl:Invoice'];
    expect(json['cbc:InvoiceTypeCode']).toBe('326');
    expect(json['cac:BillingReference']).toBeUndefined();
    expect(toEInvoiceJson({ ...base, invoiceKind: 'standard' })['ubl:Invoice']['cbc:InvoiceTypeCode']).toBe('380');
  });

  it('a final invoice lists the service and takes each deposit back per rate, referencing each deposit', () => {
    // Service 1,000.00 at 19 % (190.00) + 100.00 at 7 % (7.00). Deposits: AR-1 300.00 at 19 % (57.00);
    // AR-2 200.00 at 19 % (38.00) + 50.00 at 7 % (3.50). Left: 19 % 500.00 / 95.00, 7 % 50.00 / 3.50.
    const final: EInvoiceModel = {
      ...base,
      invoiceKind: 'final',
      items: [
        { position: 1, description: 'Montage', quantity: '1', unit: 'pauschal', unitPrice: '1000.00', taxRate: '19', netAmount: '1000.00' },
        { position: 2, description: 'Buch', quantity: '1', unit: 'Stk.', unitPrice: '100.00', taxRate: '7', netAmount: '100.00' },
      ],
      taxBreakdown: [
        { taxRate: '19', netAmount: '500.00', taxAmount: '95.00' },
        { taxRate: '7', netAmount: '50.00', taxAmount: '3.50' },
      ],
      netTotal: '550.00',
      taxTotal: '98.50',
      grossTotal: '648.50',
      finalInvoice: {
        service: { netTotal: '1100.00', taxTotal: '197.00', grossTotal: '1297.00', taxBreakdown: [] },
        deductions: [
          { number: 'AR-1', issueDate: '2026-10-01', netTotal: '300.00', taxTotal: '57.00', grossTotal: '357.00', taxBreakdown: [{ taxRate: '19', netAmount: '300.00', taxAmount: '57.00' }] },
          {
            number: 'AR-2',
            issueDate: '2026-11-02',
            netTotal: '250.00',
            taxTotal: '41.50',
            grossTotal: '291.50',
            taxBreakdown: [
              { taxRate: '19', netAmount: '200.00', taxAmount: '38.00' },
              { taxRate: '7', netAmount: '50.00', taxAmount: '3.50' },
            ],
          },
        ],
      },
    };
    const json = toEInvoiceJson(final)['ubl:Invoice'];
    expect(json['cbc:InvoiceTypeCode']).toBe('380');
    expect(json['cac:BillingReference']?.map((r) => r['cac:InvoiceDocumentReference']['cbc:ID'])).toEqual(['AR-1', 'AR-2']);
    const lines = json['cac:InvoiceLine'];
    expect(lines.map((l) => [l['cbc:ID'], l['cbc:InvoicedQuantity'], l['cbc:LineExtensionAmount'], l['cac:Price']['cbc:PriceAmount'], l['cac:Item']['cac:ClassifiedTaxCategory']['cbc:Percent']])).toEqual([
      ['1', '1', '1000.00', '1000.00', '19'],
      ['2', '1', '100.00', '100.00', '7'],
      ['3', '-1', '-300.00', '300.00', '19'],
      ['4', '-1', '-200.00', '200.00', '19'],
      ['5', '-1', '-50.00', '50.00', '7'],
    ]);
    expect(lines[2]?.['cac:Item']['cbc:Name']).toBe('Abzüglich Abschlagsrechnung AR-1 vom 01.10.2026');
    expect(lines[4]?.['cbc:Note']).toContain('AR-2');
    // BR-CO-10: the lines add up to the document's net; the VAT rows are the printed ones.
    const cents = lines.reduce((sum, l) => sum + parseScaled(l['cbc:LineExtensionAmount'], 2), 0n);
    expect(cents).toBe(55_000n);
    expect(json['cac:LegalMonetaryTotal']['cbc:LineExtensionAmount']).toBe('550.00');
    expect(json['cac:TaxTotal'][0]['cac:TaxSubtotal']?.map((t) => [t['cbc:TaxableAmount'], t['cbc:TaxAmount']])).toEqual([
      ['500.00', '95.00'],
      ['50.00', '3.50'],
    ]);
    expect(json['cac:LegalMonetaryTotal']['cbc:PayableAmount']).toBe('648.50');
  });
});
