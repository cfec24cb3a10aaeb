import { describe, expect, it } from 'vitest';
import { computeFinalInvoice, percentOf, splitByRates } from './deposits.ts';

describe('deposit amounts', () => {
  it('takes a percentage of a net to the cent, half away from zero', () => {
    expect(percentOf('12500.00', '30')).toBe('3750.00');
    // 1,333.33 × 12.5 % = 166.66625
    expect(percentOf('1333.33', '12.5')).toBe('166.67');
    expect(percentOf('0.04', '50')).toBe('0.02');
    expect(percentOf('0.05', '50')).toBe('0.03');
  });

  it('splits a deposit like the quote: 10,000 at 19 % and 2,500 at 7 %, 3,750 → 3,000 + 750', () => {
    const source = [
      { taxRate: 19 as const, netAmount: '10000.00' },
      { taxRate: 7 as const, netAmount: '2500.00' },
    ];
    expect(splitByRates('3750.00', source, 19)).toEqual([
      { taxRate: 19, netAmount: '3000.00' },
      { taxRate: 7, netAmount: '750.00' },
    ]);
  });

  it('puts the rounding rest on the last rate: 100.00 over three equal rates = 33.33 + 33.33 + 33.34', () => {
    const source = [
      { taxRate: 19 as const, netAmount: '100.00' },
      { taxRate: 7 as const, netAmount: '100.00' },
      { taxRate: 0 as const, netAmount: '100.00' },
    ];
    const shares = splitByRates('100.00', source, 19);
    expect(shares.map((s) => s.netAmount)).toEqual(['33.33', '33.33', '33.34']);
  });

  it('without a rate mix (a project without a quote) everything goes on the fallback rate', () => {
    expect(splitByRates('500.00', [], 7)).toEqual([{ taxRate: 7, netAmount: '500.00' }]);
    expect(splitByRates('500.00', [{ taxRate: 19, netAmount: '0.00' }], 19)).toEqual([{ taxRate: 19, netAmount: '500.00' }]);
  });
});

describe('final invoice deductions (§14(5) UStG)', () => {
  // The service: 10,000.00 at 19 % (VAT 1,900.00) and 2,500.00 at 7 % (VAT 175.00), gross 14,575.00.
  const service = {
    taxBreakdown: [
      { taxRate: 19 as const, netAmount: '10000.00', taxAmount: '1900.00' },
      { taxRate: 7 as const, netAmount: '2500.00', taxAmount: '175.00' },
    ],
  };
  // Deposit 1: 3,000.00 + 570.00 VAT and 750.00 + 52.50 VAT = 4,372.50.
  const first = {
    depositId: 'd1', number: 'RE-2026-0001', issueDate: '2026-03-02',
    taxBreakdown: [
      { taxRate: 19 as const, netAmount: '3000.00', taxAmount: '570.00' },
      { taxRate: 7 as const, netAmount: '750.00', taxAmount: '52.50' },
    ],
  };
  // Deposit 2: 1,234.50 × 19 % = 234.555 → 234.56; 333.33 × 7 % = 23.3331 → 23.33; gross 1,825.72.
  const second = {
    depositId: 'd2', number: 'RE-2026-0007', issueDate: '2026-04-15',
    taxBreakdown: [
      { taxRate: 19 as const, netAmount: '1234.50', taxAmount: '234.56' },
      { taxRate: 7 as const, netAmount: '333.33', taxAmount: '23.33' },
    ],
  };

  it('deducts two deposits at mixed rates exactly, VAT per rate by subtraction', () => {
    const result = computeFinalInvoice(service, [first, second]);
    if (!result.ok) throw new Error('refused');
    const t = result.totals;
    expect(t.service).toMatchObject({ netTotal: '12500.00', taxTotal: '2075.00', grossTotal: '14575.00' });
    expect(t.deductions.map((d) => [d.number, d.netTotal, d.taxTotal, d.grossTotal])).toEqual([
      ['RE-2026-0001', '3750.00', '622.50', '4372.50'],
      ['RE-2026-0007', '1567.83', '257.89', '1825.72'],
    ]);
    // 19 %: net 10,000 − 3,000 − 1,234.50 = 5,765.50; VAT 1,900 − 570 − 234.56 = 1,095.44
    // (computing 19 % of 5,765.50 would give 1,095.45: the deposits' VAT was already invoiced).
    // 7 %: net 2,500 − 750 − 333.33 = 1,416.67; VAT 175 − 52.50 − 23.33 = 99.17.
    expect(t.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '5765.50', taxAmount: '1095.44' },
      { taxRate: 7, netAmount: '1416.67', taxAmount: '99.17' },
    ]);
    expect(t.netTotal).toBe('7182.17');
    expect(t.taxTotal).toBe('1194.61');
    // 14,575.00 − 4,372.50 − 1,825.72 = 8,376.78
    expect(t.grossTotal).toBe('8376.78');
  });

  it('without deposits the final invoice is the service', () => {
    const result = computeFinalInvoice(service, []);
    expect(result.ok && result.totals.grossTotal).toBe('14575.00');
  });

  it('refuses deposits beyond the service on a rate', () => {
    const big = { ...first, taxBreakdown: [{ taxRate: 7 as const, netAmount: '2500.01', taxAmount: '175.00' }] };
    expect(computeFinalInvoice(service, [big])).toEqual({ ok: false, taxRate: 7 });
    const other = { ...first, taxBreakdown: [{ taxRate: 0 as const, netAmount: '1.00', taxAmount: '0.00' }] };
    expect(computeFinalInvoice(service, [other])).toEqual({ ok: false, taxRate: 0 });
  });
});
