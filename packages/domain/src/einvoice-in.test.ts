import { describe, expect, it } from 'vitest';
import { checkReceivedEInvoice, normalizeRate, type ReceivedEInvoice } from './einvoice-in.ts';

/** A received invoice that adds up: 1000.00 at 19 % and 99.99 at 7 %. */
function invoice(): ReceivedEInvoice {
  return {
    syntax: 'CII',
    specification: null,
    number: 'LI-1',
    typeCode: '380',
    issueDate: '2026-11-20',
    dueDate: null,
    currency: 'EUR',
    buyerReference: null,
    supplier: { name: 'Lieferant GmbH', street: null, zip: null, city: null, countryCode: 'DE', vatId: null, iban: null, bic: null, electronicAddress: null, electronicAddressScheme: null, email: null },
    lines: [
      { id: '1', description: 'Montage', quantity: '10', unitCode: 'HUR', netAmount: '1000.00', taxCategory: 'S', taxRate: '19' },
      { id: '2', description: 'Buch', quantity: '3', unitCode: 'C62', netAmount: '99.99', taxCategory: 'S', taxRate: '7' },
    ],
    taxRows: [
      { category: 'S', rate: '19', netAmount: '1000.00', taxAmount: '190.00' },
      { category: 'S', rate: '7', netAmount: '99.99', taxAmount: '7.00' },
    ],
    totals: { lineNet: '1099.99', allowances: '0.00', charges: '0.00', net: '1099.99', tax: '197.00', gross: '1296.99', prepaid: '0.00', rounding: '0.00', due: '1296.99' },
  };
}

describe('EN 16931 checks of a received invoice', () => {
  it('accepts an invoice that adds up, with a prepaid part', () => {
    expect(checkReceivedEInvoice(invoice())).toBeNull();
    const paid = invoice();
    paid.totals = { ...paid.totals, prepaid: '296.99', due: '1000.00' };
    expect(checkReceivedEInvoice(paid)).toBeNull();
  });

  it.each([
    ['BR-02', (i: ReceivedEInvoice) => void (i.number = '')],
    ['BR-04', (i: ReceivedEInvoice) => void (i.typeCode = '999')],
    ['BR-16', (i: ReceivedEInvoice) => void (i.lines = [])],
    ['BR-CO-10', (i: ReceivedEInvoice) => void (i.totals.lineNet = '1100.00')],
    ['BR-CO-13', (i: ReceivedEInvoice) => void (i.totals.net = '1100.00')],
    ['BR-CO-14', (i: ReceivedEInvoice) => void (i.totals.tax = '196.99')],
    ['BR-CO-15', (i: ReceivedEInvoice) => void (i.totals.gross = '1296.98')],
    ['BR-CO-16', (i: ReceivedEInvoice) => void (i.totals.due = '1296.98')],
    ['BR-S-08', (i: ReceivedEInvoice) => {
      // The rows still add up to the net total, but not per rate.
      i.taxRows = [{ category: 'S', rate: '19', netAmount: '1001.00', taxAmount: '190.19' }, { category: 'S', rate: '7', netAmount: '98.99', taxAmount: '6.81' }];
    }],
    ['BR-CO-17', (i: ReceivedEInvoice) => {
      // 7 % of 99.99 is 7.00 rounded half up, not 6.99.
      i.taxRows = [{ category: 'S', rate: '19', netAmount: '1000.00', taxAmount: '190.01' }, { category: 'S', rate: '7', netAmount: '99.99', taxAmount: '6.99' }];
    }],
    ['BR-CO-18', (i: ReceivedEInvoice) => void (i.taxRows = [])],
  ])('names rule %s when it is broken', (rule, breakIt) => {
    const inv = invoice();
    breakIt(inv);
    expect(checkReceivedEInvoice(inv)?.rule).toBe(rule);
  });

  it('writes rates without trailing zeros', () => {
    expect(['19.00', '7', '0.00', '5.5'].map(normalizeRate)).toEqual(['19', '7', '0', '5.5']);
  });
});
