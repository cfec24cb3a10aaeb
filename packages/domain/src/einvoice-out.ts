/**
 * Outgoing e-invoices (XRechnung CII/UBL, ZUGFeRD/Factur-X): the pure rules. Which format a
 * customer wants, the UN/ECE Rec 20 unit codes of the German unit names we print, the VAT
 * category of a line (EN 16931 BT-151), Skonto terms in the XRechnung form, and what a
 * customer's chosen format requires before an invoice can be finalized.
 */
import type { TaxCase } from './enums.ts';
import { divRound, fromCents, parseScaled } from './money.ts';

export const EINVOICE_FORMATS = ['none', 'xrechnung-cii', 'xrechnung-ubl', 'facturx'] as const;
export type EInvoiceFormat = (typeof EINVOICE_FORMATS)[number];
/** The files archived for a finalized invoice, by the name the download asks for. */
export const EINVOICE_FILE_FORMATS = ['xrechnung-cii', 'xrechnung-ubl', 'facturx'] as const;
export type EInvoiceFileFormat = (typeof EINVOICE_FILE_FORMATS)[number];

/** BT-34 / BT-49 schemes (CEF EAS code list) we offer: email, Leitweg-ID, GLN, German VAT ID. */
export const ELECTRONIC_ADDRESS_SCHEMES = ['EM', '0204', '0088', '9930'] as const;
export type ElectronicAddressScheme = (typeof ELECTRONIC_ADDRESS_SCHEMES)[number];

/**
 * UN/ECE Recommendation 20 codes of the unit names people type on invoices, compared
 * case-insensitively. A unit that is not listed has no code: nothing falls back to C62 ("one")
 * silently — where C62 is right (Stk., x, pauschal items counted), the table says so.
 */
export const UNIT_CODES: Readonly<Record<string, string>> = {
  'std.': 'HUR',
  std: 'HUR',
  stunde: 'HUR',
  stunden: 'HUR',
  h: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  min: 'MIN',
  'min.': 'MIN',
  minute: 'MIN',
  minuten: 'MIN',
  'stk.': 'C62',
  stk: 'C62',
  stück: 'C62',
  'st.': 'C62',
  x: 'C62',
  piece: 'C62',
  pcs: 'C62',
  einheit: 'C62',
  tag: 'DAY',
  tage: 'DAY',
  day: 'DAY',
  days: 'DAY',
  woche: 'WEE',
  wochen: 'WEE',
  monat: 'MON',
  monate: 'MON',
  month: 'MON',
  jahr: 'ANN',
  jahre: 'ANN',
  year: 'ANN',
  pauschal: 'LS',
  'lump sum': 'LS',
  pauschale: 'LS',
  'psch.': 'LS',
  'pausch.': 'LS',
  km: 'KMT',
  kg: 'KGM',
  g: 'GRM',
  t: 'TNE',
  m: 'MTR',
  'lfm.': 'MTR',
  lfm: 'MTR',
  m2: 'MTK',
  'm²': 'MTK',
  qm: 'MTK',
  m3: 'MTQ',
  'm³': 'MTQ',
  l: 'LTR',
  liter: 'LTR',
  kwh: 'KWH',
  paket: 'PK',
  set: 'SET',
};

/** The Rec 20 code of a unit name, or null when the table has none. */
export function unitCodeOf(unit: string): string | null {
  return UNIT_CODES[unit.trim().toLowerCase()] ?? null;
}

/** EN 16931 VAT category codes (UNTDID 5305) we issue. */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE';

/** §19 UStG: the exemption reason (BT-120) the category E needs. */
export const SMALL_BUSINESS_EXEMPTION = 'Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG';
/** §13b UStG: reason text and code (BT-120/BT-121) of the category AE. */
export const REVERSE_CHARGE_EXEMPTION = 'Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)';
export const REVERSE_CHARGE_EXEMPTION_CODE = 'VATEX-EU-AE';

/** The category of a line at `rate` (percent, as a number) under the document's tax case. */
export function vatCategoryOf(taxCase: TaxCase, rate: number): VatCategory {
  if (taxCase === 'small_business') return 'E';
  if (taxCase === 'reverse_charge') return 'AE';
  return rate === 0 ? 'Z' : 'S';
}

/** The exemption reason (text, code) a category needs, or null. */
export function exemptionOf(category: VatCategory): { reason: string; code: string | null } | null {
  if (category === 'E') return { reason: SMALL_BUSINESS_EXEMPTION, code: null };
  if (category === 'AE') return { reason: REVERSE_CHARGE_EXEMPTION, code: REVERSE_CHARGE_EXEMPTION_CODE };
  return null;
}

export interface SkontoTerm {
  /** Days from the invoice date within which the discount applies. */
  days: number;
  /** Discount percent, decimal string with up to two places ("2", "2.5"). */
  percent: string;
  /** The base the discount is computed from, when it is not the whole amount due (decimal string). */
  baseAmount?: string | null;
}

/**
 * Skonto in BT-20 as XRechnung wants it: one `#SKONTO#TAGE=14#PROZENT=2.00#` line per term
 * (`#BASISBETRAG=…#` when the base is not the amount due), each ending with a line break.
 * Returns '' for no terms.
 */
export function skontoTermsText(terms: readonly SkontoTerm[]): string {
  return terms
    .map((t) => {
      if (!Number.isInteger(t.days) || t.days <= 0) throw new Error(`Skonto days must be a whole number above zero, not ${t.days}`);
      const percent = fromCents(parseScaled(t.percent, 2));
      const base = t.baseAmount ? `BASISBETRAG=${fromCents(parseScaled(t.baseAmount, 2))}#` : '';
      return `#SKONTO#TAGE=${t.days}#PROZENT=${percent}#${base}\n`;
    })
    .join('');
}

export interface EInvoiceRequirementsInput {
  format: EInvoiceFormat;
  taxCase: TaxCase;
  publicAuthority: boolean;
  seller: { countryCode: string | null; electronicAddress: string | null; email: string | null; phone: string | null; vatId: string | null; iban: string | null };
  buyer: { countryCode: string | null; buyerReference: string | null; electronicAddress: string | null; email: string | null; vatId: string | null };
  lines: Array<{ unit: string }>;
  /** A final invoice's VAT rows after the deposits (service − deposits per rate); null otherwise. */
  finalVatRows?: ReadonlyArray<{ taxRate: string | number; netAmount: string; taxAmount: string }> | null;
}

export const FINAL_VAT_ROUNDING = "Final invoice: at one rate the VAT left after the deposits (service VAT − deposits' VAT) is a cent off net × rate, which an e-invoice does not accept (EN 16931 BR-CO-17); change the service or a deposit by a cent";

/**
 * EN 16931 BR-CO-17 (exact in UBL and in our rules): each rate's VAT is its base × rate,
 * rounded. A final invoice charges the service's VAT minus the deposits' VAT per rate, which
 * can be a cent off that (each was rounded on its own). Only the standard tax case charges VAT.
 */
export function finalVatRoundingProblem(taxCase: TaxCase, rows: NonNullable<EInvoiceRequirementsInput['finalVatRows']>): boolean {
  if (taxCase !== 'standard') return false;
  return rows.some((r) => divRound(parseScaled(r.netAmount, 2) * parseScaled(String(r.taxRate), 2), 10_000n) !== parseScaled(r.taxAmount, 2));
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';

/**
 * What an e-invoice needs beyond §14 UStG (XRechnung's BR-DE rules), keyed by the field to fix.
 * For a customer with format `none` this is asked too, but only to decide whether the XML can be
 * archived; finalize refuses only for customers who chose a format.
 */
export function einvoiceProblems(doc: EInvoiceRequirementsInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (blank(doc.seller.countryCode)) problems['settings.countryCode'] = 'Company settings: the country code (e.g. DE) is required for e-invoices';
  if (blank(doc.seller.electronicAddress) && blank(doc.seller.email)) problems['settings.electronicAddress'] = 'Company settings: an electronic address or email is required for e-invoices';
  if (blank(doc.seller.email)) problems['settings.email'] = 'Company settings: a contact email is required for e-invoices';
  if (blank(doc.seller.phone)) problems['settings.phone'] = 'Company settings: a contact phone number is required for e-invoices';
  if (blank(doc.seller.iban)) problems['settings.iban'] = 'Company settings: bank details (IBAN) are required on invoices';
  if (blank(doc.buyer.countryCode)) problems['customer.countryCode'] = "The customer's country code (e.g. DE) is required for e-invoices";
  if (blank(doc.buyer.electronicAddress) && blank(doc.buyer.email)) problems['customer.electronicAddress'] = "The customer's electronic address or email is required for e-invoices";
  if (doc.publicAuthority && blank(doc.buyer.buyerReference)) problems['customer.buyerReference'] = 'A public customer needs its Leitweg-ID (buyer reference) for e-invoices';
  if (doc.taxCase === 'reverse_charge') {
    if (blank(doc.buyer.vatId)) problems['customer.vatId'] = "Reverse charge needs the customer's VAT ID";
    if (blank(doc.seller.vatId)) problems['settings.vatId'] = 'Company settings: reverse charge e-invoices need your VAT ID';
  }
  if (doc.finalVatRows && finalVatRoundingProblem(doc.taxCase, doc.finalVatRows)) problems['lines'] = FINAL_VAT_ROUNDING;
  doc.lines.forEach((line, i) => {
    if (unitCodeOf(line.unit) === null) problems[`lines.${i}.unit`] = 'This unit has no UN/ECE code for e-invoices; use e.g. Std., Stk., Tag, Monat, pauschal, km, kg or m';
  });
  return problems;
}
