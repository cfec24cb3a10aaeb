/**
 * Deposit and final invoices (Abschlags- und Schlussrechnungen), exact in integer cents.
 *
 * - A deposit mirrors the rate mix of what it is asked against (a quote's nets per rate): the
 *   deposit's net is split over the rates in proportion to the source's nets, each share rounded
 *   to the cent, and whatever rounding leaves goes to the last rate, so the shares add up exactly.
 * - A final invoice (§14(5) UStG) lists the full service and then deducts every deposit with its
 *   net and its VAT per rate. The VAT it still charges per rate is the service's VAT of that rate
 *   minus the deposits' VAT of that rate (already invoiced, never recomputed from a difference of
 *   nets, which could be a cent off); the amount due is the service's gross minus the deposits'.
 */
import type { TaxRate } from './enums.ts';
import type { TaxBreakdownRow } from './invoice-totals.ts';
import { divRound, fromCents, toCents } from './money.ts';

export interface RateShare {
  taxRate: TaxRate;
  netAmount: string;
}

/** Percent with up to two decimal places, as a string ("30", "12.5"). */
const PERCENT_SCALE = 100n;

function percentUnits(percent: string): bigint {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent);
  if (!match) throw new RangeError(`Not a percentage: ${percent}`);
  return BigInt(match[1] ?? '0') * PERCENT_SCALE + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** `percent` % of a net amount, rounded half away from zero to the cent. */
export function percentOf(net: string, percent: string): string {
  return fromCents(divRound(toCents(net) * percentUnits(percent), 100n * PERCENT_SCALE));
}

/**
 * Splits `net` over the source's rates in proportion to the source's nets per rate (highest
 * rate first, as the breakdown is ordered); the last rate takes the rounding rest. A source
 * without any net (or none at all) puts everything on `fallbackRate`.
 */
export function splitByRates(net: string, source: readonly RateShare[], fallbackRate: TaxRate): RateShare[] {
  const total = toCents(net);
  const rows = source.filter((r) => toCents(r.netAmount) !== 0n);
  const base = rows.reduce((sum, r) => sum + toCents(r.netAmount), 0n);
  if (rows.length === 0 || base <= 0n) return [{ taxRate: fallbackRate, netAmount: fromCents(total) }];
  let given = 0n;
  return rows.map((row, i) => {
    const share = i === rows.length - 1 ? total - given : divRound(total * toCents(row.netAmount), base);
    given += share;
    return { taxRate: row.taxRate, netAmount: fromCents(share) };
  });
}

/** One deposit as it is deducted: its number and date for the reference, and its VAT rows. */
export interface DepositForDeduction {
  depositId: string;
  number: string;
  issueDate: string;
  taxBreakdown: readonly TaxBreakdownRow[];
}

export interface Deduction extends DepositForDeduction {
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
}

export interface FinalInvoiceTotals {
  /** The full service, from the lines. */
  service: { netTotal: string; taxTotal: string; grossTotal: string; taxBreakdown: TaxBreakdownRow[] };
  deductions: Deduction[];
  /** What this document still charges per rate: service minus deposits, rate by rate. */
  taxBreakdown: TaxBreakdownRow[];
  netTotal: string;
  taxTotal: string;
  /** Amount due: service gross minus the deposits' gross. */
  grossTotal: string;
}

const sumRows = (rows: readonly TaxBreakdownRow[], key: 'netAmount' | 'taxAmount') => rows.reduce((s, r) => s + toCents(r[key]), 0n);

/**
 * The final invoice's figures. Refuses (returns the offending rate) when the deposits of a rate
 * exceed the service of that rate: a final invoice never charges negative VAT on a rate.
 */
export function computeFinalInvoice(
  service: { taxBreakdown: readonly TaxBreakdownRow[] },
  deposits: readonly DepositForDeduction[],
): { ok: true; totals: FinalInvoiceTotals } | { ok: false; taxRate: TaxRate } {
  const net = new Map<TaxRate, bigint>();
  const tax = new Map<TaxRate, bigint>();
  const add = (rate: TaxRate, n: bigint, t: bigint) => {
    net.set(rate, (net.get(rate) ?? 0n) + n);
    tax.set(rate, (tax.get(rate) ?? 0n) + t);
  };
  for (const row of service.taxBreakdown) add(row.taxRate, toCents(row.netAmount), toCents(row.taxAmount));
  const deductions: Deduction[] = deposits.map((d) => {
    for (const row of d.taxBreakdown) add(row.taxRate, -toCents(row.netAmount), -toCents(row.taxAmount));
    const n = sumRows(d.taxBreakdown, 'netAmount');
    const t = sumRows(d.taxBreakdown, 'taxAmount');
    return { ...d, taxBreakdown: [...d.taxBreakdown], netTotal: fromCents(n), taxTotal: fromCents(t), grossTotal: fromCents(n + t) };
  });
  const rates = [...net.keys()].sort((a, b) => b - a);
  for (const rate of rates) {
    if ((net.get(rate) ?? 0n) < 0n || (tax.get(rate) ?? 0n) < 0n) return { ok: false, taxRate: rate };
  }
  const taxBreakdown = rates.map((taxRate) => ({ taxRate, netAmount: fromCents(net.get(taxRate) ?? 0n), taxAmount: fromCents(tax.get(taxRate) ?? 0n) }));
  const serviceNet = sumRows(service.taxBreakdown, 'netAmount');
  const serviceTax = sumRows(service.taxBreakdown, 'taxAmount');
  const netTotal = sumRows(taxBreakdown, 'netAmount');
  const taxTotal = sumRows(taxBreakdown, 'taxAmount');
  return {
    ok: true,
    totals: {
      service: { netTotal: fromCents(serviceNet), taxTotal: fromCents(serviceTax), grossTotal: fromCents(serviceNet + serviceTax), taxBreakdown: [...service.taxBreakdown] },
      deductions,
      taxBreakdown,
      netTotal: fromCents(netTotal),
      taxTotal: fromCents(taxTotal),
      grossTotal: fromCents(netTotal + taxTotal),
    },
  };
}

/** What a final invoice keeps about its deductions, as printed (json on the invoice row). */
export interface FinalInvoiceDeductions {
  service: FinalInvoiceTotals['service'];
  deductions: Deduction[];
}
