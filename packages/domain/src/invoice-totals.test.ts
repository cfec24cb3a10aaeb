import { describe, expect, it } from 'vitest';
import { computeTotals, lineNetCents } from './invoice-totals.ts';
import { formatScaled, parseScaled } from './money.ts';

describe('invoice totals', () => {
  it('adds mixed rates: one tax row per rate, from the summed nets', () => {
    const t = computeTotals(
      [
        { quantity: '10', unitPrice: '95.00', taxRate: 19 },
        { quantity: '2.5', unitPrice: '40.00', taxRate: 7 },
        { quantity: '1', unitPrice: '12.34', taxRate: 0 },
        { quantity: '3', unitPrice: '19.99', taxRate: 19 },
      ],
      'standard',
    );
    expect(t.lines.map((l) => l.netAmount)).toEqual(['950.00', '100.00', '12.34', '59.97']);
    expect(t.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '1009.97', taxAmount: '191.89' },
      { taxRate: 7, netAmount: '100.00', taxAmount: '7.00' },
      { taxRate: 0, netAmount: '12.34', taxAmount: '0.00' },
    ]);
    expect([t.netTotal, t.taxTotal, t.grossTotal]).toEqual(['1122.31', '198.89', '1321.20']);
  });

  it('rounds .xx5 half up to the cent (where a float would round down)', () => {
    // 10.50 × 19 % = 1.995 → 2.00 (as a float 1.995 is 1.99499… and would give 1.99).
    const t = computeTotals([{ quantity: '1', unitPrice: '10.50', taxRate: 19 }], 'standard');
    expect(t.taxTotal).toBe('2.00');
    // 0.5 × 0.01 = 0.005 → 0.01 on the line itself.
    expect(computeTotals([{ quantity: '0.5', unitPrice: '0.01', taxRate: 0 }], 'standard').netTotal).toBe('0.01');
    // 1.0005 h × 10.00 = 10.005 → 10.01
    expect(lineNetCents('1.0005', '10.00')).toBe(1001n);
  });

  it('computes VAT per rate, not per line (BR-CO-17), where the two differ', () => {
    // Ten lines of 1.01 at 7 %: per line 0.0707 → 0.07, ten times 0.70; per rate 10.10 × 7 % = 0.707 → 0.71.
    const lines = Array.from({ length: 10 }, () => ({ quantity: '1', unitPrice: '1.01', taxRate: 7 as const }));
    const t = computeTotals(lines, 'standard');
    expect(t.taxBreakdown).toEqual([{ taxRate: 7, netAmount: '10.10', taxAmount: '0.71' }]);
    expect(t.grossTotal).toBe('10.81');
  });

  it('mirrors an invoice exactly in its cancellation (negated quantities, negative amounts)', () => {
    const original = [
      { quantity: '1', unitPrice: '10.50', taxRate: 19 as const },
      { quantity: '0.3333', unitPrice: '90.00', taxRate: 19 as const },
      { quantity: '3', unitPrice: '1.01', taxRate: 7 as const },
    ];
    const negated = original.map((l) => ({ ...l, quantity: formatScaled(-parseScaled(l.quantity, 4), 4) }));
    const a = computeTotals(original, 'standard');
    const b = computeTotals(negated, 'standard');
    expect(b.lines.map((l) => l.netAmount)).toEqual(['-10.50', '-30.00', '-3.03']);
    expect(b.taxBreakdown).toEqual([
      { taxRate: 19, netAmount: '-40.50', taxAmount: '-7.70' },
      { taxRate: 7, netAmount: '-3.03', taxAmount: '-0.21' },
    ]);
    expect([b.netTotal, b.taxTotal, b.grossTotal]).toEqual([`-${a.netTotal}`, `-${a.taxTotal}`, `-${a.grossTotal}`]);
  });

  it('charges no VAT for a small business (§19) or under reverse charge', () => {
    const lines = [
      { quantity: '2', unitPrice: '100.00', taxRate: 19 as const },
      { quantity: '1', unitPrice: '50.00', taxRate: 7 as const },
    ];
    for (const taxCase of ['small_business', 'reverse_charge'] as const) {
      const t = computeTotals(lines, taxCase);
      expect(t.taxBreakdown).toEqual([{ taxRate: 0, netAmount: '250.00', taxAmount: '0.00' }]);
      expect(t.grossTotal).toBe('250.00');
    }
  });

  it('keeps a discount line (negative unit price) in its rate', () => {
    const t = computeTotals(
      [
        { quantity: '1', unitPrice: '200.00', taxRate: 19 },
        { quantity: '1', unitPrice: '-20.00', taxRate: 19 },
      ],
      'standard',
    );
    expect(t.taxBreakdown).toEqual([{ taxRate: 19, netAmount: '180.00', taxAmount: '34.20' }]);
  });

  describe('unit prices and quantities with four decimal places (EN 16931)', () => {
    it('multiplies exactly and rounds only the line net, half up to the cent', () => {
      // 3 × 1.2605 = 3.7815 → 3.78
      expect(lineNetCents('3', '1.2605')).toBe(378n);
      // 0.3333 h × 90.00 = 29.997 → 30.00
      expect(lineNetCents('0.3333', '90')).toBe(3000n);
      // 2 × 1.0025 = 2.005 exactly: half up → 2.01 (a float gives 2.0049999…)
      expect(lineNetCents('2', '1.0025')).toBe(201n);
      // 0.0001 × 0.0001 is far below half a cent → 0.00; 1.5 × 0.0033 = 0.00495 → 0.00; × 0.0034 = 0.0051 → 0.01
      expect(lineNetCents('0.0001', '0.0001')).toBe(0n);
      expect(lineNetCents('1.5', '0.0033')).toBe(0n);
      expect(lineNetCents('1.5', '0.0034')).toBe(1n);
      // A discount: -3 × 1.2605 = -3.7815 → -3.78 (half away from zero, symmetric)
      expect(lineNetCents('3', '-1.2605')).toBe(-378n);
      expect(lineNetCents('-3', '1.2605')).toBe(-378n);
      // Far beyond a float's precision it stays exact: 99,999,999,999,890,000.00000001 € → …,890,000.00
      expect(lineNetCents('999999999.9999', '99999999.9999')).toBe(9999999999989000000n);
    });

    it('sums the rounded line nets and computes VAT per rate from them', () => {
      const t = computeTotals(
        [
          { quantity: '3', unitPrice: '1.2605', taxRate: 19 },
          { quantity: '0.3333', unitPrice: '90.00', taxRate: 19 },
          { quantity: '1.2345', unitPrice: '10.1234', taxRate: 7 },
        ],
        'standard',
      );
      // 1.2345 × 10.1234 = 12.49733730 → 12.50
      expect(t.lines.map((l) => l.netAmount)).toEqual(['3.78', '30.00', '12.50']);
      expect(t.taxBreakdown).toEqual([
        // 33.78 × 19 % = 6.4182 → 6.42
        { taxRate: 19, netAmount: '33.78', taxAmount: '6.42' },
        // 12.50 × 7 % = 0.875 → 0.88
        { taxRate: 7, netAmount: '12.50', taxAmount: '0.88' },
      ]);
      expect([t.netTotal, t.taxTotal, t.grossTotal]).toEqual(['46.28', '7.30', '53.58']);
    });

    it('refuses a fifth decimal place rather than round it away', () => {
      expect(() => lineNetCents('1', '1.26051')).toThrow(/more than 4 decimal places/);
      expect(() => lineNetCents('1.00001', '1')).toThrow(/more than 4 decimal places/);
    });
  });
});
