/**
 * The rules of the automatic postings (issue 16), pure: which accounts (by role) and VAT code a
 * document's rate lands on, and how much VAT a payment makes due under Ist-Versteuerung.
 * Money in integer cents (bigint).
 */
import type { AccountRole, TaxCode } from './bookkeeping.ts';
import type { ExpenseCategory, TaxCase } from './enums.ts';
import { divRound } from './money.ts';

/** EU member states other than Germany (ISO 3166-1 alpha-2; Greece as EL and GR). */
const EU_OTHER = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'EL', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']);

export interface RevenueTreatment {
  taxCode: TaxCode;
  revenue: AccountRole;
  /** The output VAT account (Soll) and the not-yet-due one (Ist); null for tax-free codes. */
  vat: AccountRole | null;
  vatNotDue: AccountRole | null;
  skonto: AccountRole;
}

/**
 * Where one VAT rate of an outgoing document goes: 19/7 % to revenue and output VAT of that rate,
 * 0 % (and small business) to tax-free revenue; reverse charge to the §13b account at home, the
 * EU-supply account for a buyer in another member state, the export account outside the EU.
 */
export function revenueTreatment(taxCase: TaxCase, rate: number, buyerCountry: string | null | undefined): RevenueTreatment {
  if (taxCase === 'reverse_charge') {
    const country = (buyerCountry ?? 'DE').toUpperCase();
    if (country === 'DE') return { taxCode: 'RC_OUT', revenue: 'revenue13b', vat: null, vatNotDue: null, skonto: 'skontoGrantedFree' };
    if (EU_OTHER.has(country)) return { taxCode: 'EU_SUPPLY', revenue: 'revenueEu', vat: null, vatNotDue: null, skonto: 'skontoGrantedFree' };
    return { taxCode: 'EXPORT', revenue: 'revenueExport', vat: null, vatNotDue: null, skonto: 'skontoGrantedFree' };
  }
  if (taxCase === 'standard' && rate === 19) return { taxCode: 'UST19', revenue: 'revenue19', vat: 'vatOut19', vatNotDue: 'vatOutNotDue19', skonto: 'skontoGranted19' };
  if (taxCase === 'standard' && rate === 7) return { taxCode: 'UST7', revenue: 'revenue7', vat: 'vatOut7', vatNotDue: 'vatOutNotDue7', skonto: 'skontoGranted7' };
  return { taxCode: 'FREE', revenue: 'revenueFree', vat: null, vatNotDue: null, skonto: 'skontoGrantedFree' };
}

/** The expense account of an expense category. */
export const EXPENSE_ROLE: Record<ExpenseCategory, AccountRole> = {
  travel: 'expenseTravel',
  material: 'expenseMaterial',
  software: 'expenseSoftware',
  personnel: 'expensePersonnel',
  service: 'expenseService',
  other: 'expenseOther',
};

/** Input VAT of an incoming rate: its code and account; 0 % has neither. */
export function inputVatTreatment(rate: number): { taxCode: TaxCode; vat: AccountRole } | null {
  if (rate === 19) return { taxCode: 'VST19', vat: 'vatIn19' };
  if (rate === 7) return { taxCode: 'VST7', vat: 'vatIn7' };
  return null;
}

/**
 * Ist-Versteuerung: the VAT (and its net base) one payment makes due, per rate. Each payment
 * moves its proportional share `amount × notDue / due`, rounded to the cent; once the invoice
 * is settled, the last payment moves exactly what is left (`notDue − Skonto VAT − the others'
 * shares`), so the not-yet-due account of a settled invoice ends at 0 to the cent.
 */
export function istShare(input: { amount: bigint; due: bigint; notDue: bigint; skontoTotal: bigint; othersMoved: bigint; last: boolean }): bigint {
  if (input.last) return input.notDue - input.skontoTotal - input.othersMoved;
  if (input.due === 0n) return 0n;
  return divRound(input.amount * input.notDue, input.due);
}

/**
 * Ist-Versteuerung, a credit note on money already received: the VAT of the part paid beyond
 * what is now due stays due until that part is paid back (§17 Abs. 1 UStG, Abschn. 17.1 Abs. 2
 * Satz 3 UStAE: the base shrinks only as far as the price is actually refunded). Returns that
 * VAT for one rate: `unrefunded × creditVat / credited`, to the cent (unrefunded at most credited).
 */
export function unrefundedCreditVat(input: { unrefunded: bigint; credited: bigint; creditVat: bigint }): bigint {
  if (input.unrefunded <= 0n || input.credited <= 0n) return 0n;
  const part = input.unrefunded < input.credited ? input.unrefunded : input.credited;
  return divRound(part * input.creditVat, input.credited);
}

/**
 * Ist-Versteuerung, refunds of an overpayment in their order: the VAT each one releases from
 * output VAT back to the not-yet-due account (for one rate; the net base alike). Refund k moves
 * what it takes off the VAT kept due, `kept(before it) − kept(after it)` with `kept` as in
 * `unrefundedCreditVat`, so the refunds together release exactly what the payments kept (to the
 * cent) once the whole overpayment is paid back, and each lands in the refund's own period.
 * `unrefunded` is the overpayment before any refund.
 */
export function refundVatReleases(input: { unrefunded: bigint; credited: bigint; creditVat: bigint; refunds: readonly bigint[] }): bigint[] {
  let left = input.unrefunded;
  return input.refunds.map((amount) => {
    const before = unrefundedCreditVat({ unrefunded: left, credited: input.credited, creditVat: input.creditVat });
    left -= amount;
    return before - unrefundedCreditVat({ unrefunded: left, credited: input.credited, creditVat: input.creditVat });
  });
}
