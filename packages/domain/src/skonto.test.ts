import { describe, expect, it } from 'vitest';
import { skontoDeadline, skontoDiscount, skontoForPayment, skontoSettlingAmount, skontoVatRows } from './skonto.ts';

describe('Skonto discount and period', () => {
  it('takes the percent of the amount due to the cent, half away from zero', () => {
    // 1,190.00 × 2 % = 23.80; 108.66 × 3 % = 3.2598; 35.70 × 0.28 % = 0.09996; 0.25 × 2 % = 0.005
    expect(skontoDiscount('1190.00', '2.00')).toBe('23.80');
    expect(skontoDiscount('108.66', '3')).toBe('3.26');
    expect(skontoDiscount('35.70', '0.28')).toBe('0.10');
    expect(skontoDiscount('0.25', '2')).toBe('0.01');
    expect(skontoDiscount('0.24', '2')).toBe('0.00');
  });

  it('ends the period on issue date + days, across a year end', () => {
    expect(skontoDeadline('2026-12-05', 14)).toBe('2026-12-19');
    expect(skontoDeadline('2026-12-25', 14)).toBe('2027-01-08');
    expect(skontoDeadline('2028-02-20', 10)).toBe('2028-03-01');
  });

  const base = { terms: { percent: '2.00', days: 14 }, issueDate: '2026-12-05', due: '1190.00' };
  it('applies to a payment within the period at the reduced amount (1,166.20)', () => {
    expect(skontoForPayment({ ...base, paidTotal: '1166.20', paymentDate: '2026-12-19' })).toBe('23.80');
    expect(skontoForPayment({ ...base, paidTotal: '1166.20', paymentDate: '2026-12-05' })).toBe('23.80');
  });

  it('does not apply after the period, below the reduced amount, when paid in full, or without terms', () => {
    expect(skontoForPayment({ ...base, paidTotal: '1166.20', paymentDate: '2026-12-20' })).toBeNull();
    expect(skontoForPayment({ ...base, paidTotal: '1166.19', paymentDate: '2026-12-10' })).toBeNull();
    expect(skontoForPayment({ ...base, paidTotal: '1190.00', paymentDate: '2026-12-10' })).toBeNull();
    expect(skontoForPayment({ ...base, terms: null, paidTotal: '1166.20', paymentDate: '2026-12-10' })).toBeNull();
    expect(skontoForPayment({ ...base, issueDate: null, paidTotal: '1166.20', paymentDate: '2026-12-10' })).toBeNull();
  });

  it('counts earlier payments: everything paid above the reduced amount leaves only the rest as discount', () => {
    // 500 earlier + 670 now = 1,170.00 ≥ 1,166.20: the 20.00 still open is the discount.
    expect(skontoForPayment({ ...base, paidTotal: '1170.00', paymentDate: '2026-12-12' })).toBe('20.00');
  });

  it('tells what a payment on a day has to bring to settle with Skonto, which skontoForPayment then grants in full', () => {
    expect(skontoSettlingAmount({ ...base, paidBefore: '0.00', paymentDate: '2026-12-19' })).toBe('1166.20');
    expect(skontoForPayment({ ...base, paidTotal: '1166.20', paymentDate: '2026-12-19' })).toBe('23.80');
    expect(skontoSettlingAmount({ ...base, paidBefore: '500.00', paymentDate: '2026-12-12' })).toBe('666.20');
    expect(skontoForPayment({ ...base, paidTotal: '1166.20', paymentDate: '2026-12-12' })).toBe('23.80');
    // After the period, without terms, with a discount of 0.00, or already paid down to the reduced amount: none.
    expect(skontoSettlingAmount({ ...base, paidBefore: '0.00', paymentDate: '2026-12-20' })).toBeNull();
    expect(skontoSettlingAmount({ ...base, terms: null, paidBefore: '0.00', paymentDate: '2026-12-10' })).toBeNull();
    expect(skontoSettlingAmount({ ...base, due: '0.24', paidBefore: '0.00', paymentDate: '2026-12-10' })).toBeNull();
    expect(skontoSettlingAmount({ ...base, paidBefore: '1166.20', paymentDate: '2026-12-10' })).toBeNull();
  });
});

describe('Skonto VAT correction per rate (§17 UStG)', () => {
  it('one rate: 23.80 at 19 % is 20.00 net + 3.80 VAT', () => {
    expect(skontoVatRows('23.80', [{ taxRate: 19, netAmount: '1000.00', taxAmount: '190.00' }])).toEqual([
      { taxRate: 19, grossAmount: '23.80', netAmount: '20.00', taxAmount: '3.80' },
    ]);
  });

  it('mixed 19 / 7 / 0 % in proportion to gross: 3.26 over 39.66 / 35.66 / 33.34', () => {
    // 326 × 3966 / 10866 = 118.987 → 1.19; 326 × 3566 / 10866 = 106.987 → 1.07; 326 × 3334 / 10866 = 100.026 → 1.00.
    // 1.19 at 19 %: VAT 1.19 × 19 / 119 = 0.19; 1.07 at 7 %: VAT 1.07 × 7 / 107 = 0.07.
    const rows = skontoVatRows('3.26', [
      { taxRate: 19, netAmount: '33.33', taxAmount: '6.33' },
      { taxRate: 7, netAmount: '33.33', taxAmount: '2.33' },
      { taxRate: 0, netAmount: '33.34', taxAmount: '0.00' },
    ]);
    expect(rows).toEqual([
      { taxRate: 19, grossAmount: '1.19', netAmount: '1.00', taxAmount: '0.19' },
      { taxRate: 7, grossAmount: '1.07', netAmount: '1.00', taxAmount: '0.07' },
      { taxRate: 0, grossAmount: '1.00', netAmount: '1.00', taxAmount: '0.00' },
    ]);
  });

  it('cents that do not divide: 0.10 over three equal grosses → 0.04 / 0.03 / 0.03, rest on the first largest', () => {
    // Each share 10 / 3 = 3.33 → 3 cents; 1 cent left goes to the 19 % row (first of the equal largest).
    // 0.04 at 19 %: VAT 4 × 19 / 119 = 0.64 → 0.01, net 0.03. 0.03 at 7 %: VAT 3 × 7 / 107 = 0.196 → 0.00.
    const rows = skontoVatRows('0.10', [
      { taxRate: 19, netAmount: '10.00', taxAmount: '1.90' },
      { taxRate: 7, netAmount: '11.12', taxAmount: '0.78' },
      { taxRate: 0, netAmount: '11.90', taxAmount: '0.00' },
    ]);
    expect(rows).toEqual([
      { taxRate: 19, grossAmount: '0.04', netAmount: '0.03', taxAmount: '0.01' },
      { taxRate: 7, grossAmount: '0.03', netAmount: '0.03', taxAmount: '0.00' },
      { taxRate: 0, grossAmount: '0.03', netAmount: '0.03', taxAmount: '0.00' },
    ]);
  });

  it('rounding that overshoots takes the cent back from the largest row', () => {
    // 0.01 over two equal grosses of 1.00: 0.5 → 1 cent each = 2, the rest (−1 cent) goes to the first largest (7 %).
    expect(skontoVatRows('0.01', [
      { taxRate: 7, netAmount: '0.93', taxAmount: '0.07' },
      { taxRate: 19, netAmount: '0.84', taxAmount: '0.16' },
    ]).map((r) => r.grossAmount)).toEqual(['0.00', '0.01']);
    // The 19 % row (gross 2.00) is the largest: 0.01 over 1.07 (7 %) and 2.00 (19 %) → 0.35 → 0, 0.65 → 1.
    expect(skontoVatRows('0.01', [
      { taxRate: 7, netAmount: '1.00', taxAmount: '0.07' },
      { taxRate: 19, netAmount: '1.68', taxAmount: '0.32' },
    ]).map((r) => r.grossAmount)).toEqual(['0.00', '0.01']);
  });
});
