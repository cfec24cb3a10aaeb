/**
 * Invoice totals, exact: integer cents (bigint), never JS floats. The server computes them when
 * a document is saved, and the web form shows the same figures live with this same code.
 *
 * - A line's net amount is quantity × unit price (both up to four places), computed exactly and
 *   only then rounded half away from zero to the cent.
 * - VAT is computed once per tax rate from the summed line nets of that rate, rounded to the
 *   cent (EN 16931 rule BR-CO-17), never per line.
 * - Under §19 UStG (small business) and reverse charge no VAT is charged: every line counts at 0 %.
 */
import type { TaxCase, TaxRate } from './enums.ts';
import { divRound, fromCents, parseScaled } from './money.ts';

/** Quantities carry up to four decimal places (hours from time entries: 20 minutes = 0.3333 h). */
export const QUANTITY_SCALE = 4;
/** Unit prices carry up to four decimal places too (EN 16931's own example: 1.2605 per unit). */
export const UNIT_PRICE_SCALE = 4;

export interface TotalsLine {
  /** Decimal string, up to 4 places; negative on a cancellation invoice. */
  quantity: string;
  /** Decimal string with at most 4 places; may be negative (a discount line). */
  unitPrice: string;
  taxRate: TaxRate;
}

export interface TaxBreakdownRow {
  taxRate: TaxRate;
  netAmount: string;
  taxAmount: string;
}

export interface InvoiceTotals {
  /** Per input line, in order: its net amount and the rate that applies under the tax case. */
  lines: Array<{ netAmount: string; taxRate: TaxRate }>;
  /** One row per rate that occurs, highest rate first. */
  taxBreakdown: TaxBreakdownRow[];
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
}

/** The rate a line is taxed at under the document's tax case. */
export function effectiveRate(rate: TaxRate, taxCase: TaxCase): TaxRate {
  return taxCase === 'standard' ? rate : 0;
}

export function lineNetCents(quantity: string, unitPrice: string): bigint {
  // quantity × 10^4 times price × 10^4 is the net in 10^-8 euros; 10^6 of those make a cent.
  return divRound(parseScaled(quantity, QUANTITY_SCALE) * parseScaled(unitPrice, UNIT_PRICE_SCALE), 10n ** BigInt(QUANTITY_SCALE + UNIT_PRICE_SCALE - 2));
}

export function computeTotals(lines: readonly TotalsLine[], taxCase: TaxCase): InvoiceTotals {
  const perRate = new Map<TaxRate, bigint>();
  const outLines = lines.map((line) => {
    const rate = effectiveRate(line.taxRate, taxCase);
    const net = lineNetCents(line.quantity, line.unitPrice);
    perRate.set(rate, (perRate.get(rate) ?? 0n) + net);
    return { netAmount: fromCents(net), taxRate: rate };
  });
  let netTotal = 0n;
  let taxTotal = 0n;
  const taxBreakdown = [...perRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([taxRate, net]) => {
      const tax = divRound(net * BigInt(taxRate), 100n);
      netTotal += net;
      taxTotal += tax;
      return { taxRate, netAmount: fromCents(net), taxAmount: fromCents(tax) };
    });
  return { lines: outLines, taxBreakdown, netTotal: fromCents(netTotal), taxTotal: fromCents(taxTotal), grossTotal: fromCents(netTotal + taxTotal) };
}
