import { divRound, formatScaled, fromCents, parseScaled } from './money.ts';

/**
 * A received e-invoice (XRechnung UBL/CII, ZUGFeRD/Factur-X), read into one shape whatever its
 * syntax. Amounts are decimal strings with two places ("1190.00"), rates without trailing zeros
 * ("19", "7", "0"), dates `YYYY-MM-DD`. Pure: the XML reading lives in packages/db/src/purchases.
 */
export interface ReceivedEInvoice {
  syntax: 'UBL' | 'CII';
  /** BT-24: which specification the sender claims (XRechnung, EN 16931, a Factur-X profile). */
  specification: string | null;
  number: string;
  /** BT-3: 380 invoice, 381 credit note, 384 corrected invoice, 389 self-billed invoice, 326 partial (deposit) invoice. */
  typeCode: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  buyerReference: string | null;
  supplier: {
    name: string;
    street: string | null;
    zip: string | null;
    city: string | null;
    countryCode: string;
    vatId: string | null;
    iban: string | null;
    bic: string | null;
    /** BT-34 with its scheme (EM = email, 0204 = Leitweg-ID, …). */
    electronicAddress: string | null;
    electronicAddressScheme: string | null;
    email: string | null;
  };
  lines: Array<{ id: string; description: string; quantity: string; unitCode: string | null; netAmount: string; taxCategory: string; taxRate: string }>;
  taxRows: Array<{ category: string; rate: string; netAmount: string; taxAmount: string }>;
  totals: { lineNet: string; allowances: string; charges: string; net: string; tax: string; gross: string; prepaid: string; rounding: string; due: string };
}

/** A received invoice waits in the inbox as a draft until it is approved (booked) or rejected. */
export const SUPPLIER_INVOICE_STATUSES = ['draft', 'approved', 'rejected'] as const;
export type SupplierInvoiceStatus = (typeof SUPPLIER_INVOICE_STATUSES)[number];
/** How it came: XML in UBL or CII syntax, or a ZUGFeRD / Factur-X PDF (CII inside). */
export const SUPPLIER_INVOICE_FORMATS = ['ubl', 'cii', 'facturx'] as const;
export type SupplierInvoiceFormat = (typeof SUPPLIER_INVOICE_FORMATS)[number];

/** BT-3 codes we accept: XRechnung's list (BR-DE-17) without the construction codes 875–877. */
export const EINVOICE_TYPE_CODES = ['380', '381', '384', '389', '326'] as const;

/** A problem of a received e-invoice: a rule id of EN 16931 (or our own name) and what is wrong. */
export interface EInvoiceProblem {
  rule: string;
  detail: string;
}

const cents = (v: string) => parseScaled(v, 2);
const money = (v: bigint) => fromCents(v);

/**
 * Our own EN 16931 calculation checks (the official schematron is not available offline here):
 * required content and the sums a receiver books from. The first problem found is returned,
 * or null. Exact, in integer cents.
 */
export function checkReceivedEInvoice(inv: ReceivedEInvoice): EInvoiceProblem | null {
  const required: Array<[string, string, unknown]> = [
    ['BR-02', 'invoice number (BT-1)', inv.number],
    ['BR-03', 'issue date (BT-2)', inv.issueDate],
    ['BR-04', 'invoice type code (BT-3)', inv.typeCode],
    ['BR-05', 'currency (BT-5)', inv.currency],
    ['BR-06', 'seller name (BT-27)', inv.supplier.name],
    ['BR-09', 'seller country code (BT-40)', inv.supplier.countryCode],
  ];
  for (const [rule, what, value] of required) if (!value) return { rule, detail: `${what} is missing` };
  if (!(EINVOICE_TYPE_CODES as readonly string[]).includes(inv.typeCode)) return { rule: 'BR-04', detail: `invoice type code ${inv.typeCode} is not one of ${EINVOICE_TYPE_CODES.join(', ')}` };
  if (inv.lines.length === 0) return { rule: 'BR-16', detail: 'the invoice has no lines' };
  if (inv.taxRows.length === 0) return { rule: 'BR-CO-18', detail: 'the invoice has no VAT breakdown' };
  const t = inv.totals;
  const lineSum = inv.lines.reduce((s, l) => s + cents(l.netAmount), 0n);
  if (lineSum !== cents(t.lineNet)) return { rule: 'BR-CO-10', detail: `the lines add up to ${money(lineSum)}, the invoice says ${t.lineNet} (BT-106)` };
  const net = cents(t.lineNet) - cents(t.allowances) + cents(t.charges);
  if (net !== cents(t.net)) return { rule: 'BR-CO-13', detail: `net ${t.lineNet} − allowances ${t.allowances} + charges ${t.charges} is ${money(net)}, the invoice says ${t.net} (BT-109)` };
  const taxSum = inv.taxRows.reduce((s, r) => s + cents(r.taxAmount), 0n);
  if (taxSum !== cents(t.tax)) return { rule: 'BR-CO-14', detail: `the VAT breakdown adds up to ${money(taxSum)}, the invoice says ${t.tax} (BT-110)` };
  const gross = cents(t.net) + cents(t.tax);
  if (gross !== cents(t.gross)) return { rule: 'BR-CO-15', detail: `net ${t.net} + VAT ${t.tax} is ${money(gross)}, the invoice says ${t.gross} (BT-112)` };
  const due = cents(t.gross) - cents(t.prepaid) + cents(t.rounding);
  if (due !== cents(t.due)) return { rule: 'BR-CO-16', detail: `gross ${t.gross} − prepaid ${t.prepaid} + rounding ${t.rounding} is ${money(due)}, the invoice says ${t.due} (BT-115)` };
  const baseSum = inv.taxRows.reduce((s, r) => s + cents(r.netAmount), 0n);
  if (baseSum !== cents(t.net)) return { rule: 'BR-CO-13', detail: `the VAT breakdown bases add up to ${money(baseSum)}, the net total is ${t.net} (BT-109)` };
  // Per category and rate: the base is the sum of its lines (when there are no document-level
  // allowances or charges, whose split we do not read), and the tax is base × rate, rounded.
  const seen = new Set<string>();
  for (const row of inv.taxRows) {
    const key = `${row.category}/${row.rate}`;
    if (seen.has(key)) return { rule: 'BR-CO-17', detail: `the VAT breakdown has category ${row.category} at ${row.rate} % twice` };
    seen.add(key);
    if (cents(t.allowances) === 0n && cents(t.charges) === 0n) {
      const lines = inv.lines.filter((l) => l.taxCategory === row.category && l.taxRate === row.rate).reduce((s, l) => s + cents(l.netAmount), 0n);
      if (lines !== cents(row.netAmount)) return { rule: `BR-${row.category}-08`, detail: `the lines at ${row.category} ${row.rate} % add up to ${money(lines)}, the VAT breakdown says ${row.netAmount}` };
    }
    const expected = divRound(cents(row.netAmount) * parseScaled(row.rate, 2), 10_000n);
    if (expected !== cents(row.taxAmount)) return { rule: row.category === 'S' ? 'BR-CO-17' : `BR-${row.category}-09`, detail: `${row.rate} % of ${row.netAmount} is ${money(expected)}, the VAT breakdown says ${row.taxAmount}` };
  }
  for (const line of inv.lines) {
    if (!seen.has(`${line.taxCategory}/${line.taxRate}`)) return { rule: 'BR-CO-18', detail: `line ${line.id} has VAT ${line.taxCategory} ${line.taxRate} %, which the VAT breakdown lacks` };
  }
  return null;
}

/** "19.00" → "19": rates are compared and stored without trailing zeros. */
export function normalizeRate(value: string): string {
  return formatScaled(parseScaled(value, 4), 4);
}
