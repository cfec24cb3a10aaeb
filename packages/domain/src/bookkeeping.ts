/**
 * Bookkeeping (FiBu) vocabulary, pure: the two standard charts of accounts (DATEV SKR03 and
 * SKR04), the roles the automatic postings book to, and the VAT treatments a journal line can
 * carry. The database keeps the accounts (editable); these are the defaults a new installation
 * starts with (migration Migration20261205110000_bookkeeping).
 *
 * Money in the journal is integer cents (bigint), debit positive, credit negative: an entry
 * balances when its lines sum to 0.
 */

export const CHARTS = ['SKR03', 'SKR04'] as const;
export type Chart = (typeof CHARTS)[number];

/** Soll-Versteuerung: VAT is owed for the month of the invoice. Ist-Versteuerung (§20 UStG): for the month of payment. */
export const VAT_METHODS = ['soll', 'ist'] as const;
export type VatMethod = (typeof VAT_METHODS)[number];

/**
 * asset/liability/equity go to the balance sheet, revenue/expense to the P&L; `carryForward`
 * are the opening-balance accounts (Saldenvorträge, class 9) that only year openings book to.
 */
export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense', 'carryForward'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/**
 * The VAT treatment of a line. A net line (revenue or expense) and the VAT line that belongs to
 * it carry the same code; the VAT line also has `isTax` and the base it was computed on.
 * - UST19/UST7: output VAT (Umsatzsteuer) at 19/7 %;
 * - VST19/VST7: input VAT (Vorsteuer) at 19/7 %;
 * - RC_EU: a service received from a business in another EU country (§13b(1) UStG): the
 *   recipient owes the VAT and may deduct it (UStVA 46/47 and 67);
 * - RC_DOM: other services received under §13b (e.g. construction, UStVA 84/85 and 67);
 * - EU_SUPPLY: our tax-free supply to a business in another EU country (UStVA 41);
 * - EXPORT: our tax-free supply outside the EU (UStVA 43);
 * - RC_OUT: our own domestic supply under §13b, the customer owes the VAT (UStVA 60);
 * - FREE: other tax-free or not taxable revenue (0 % lines, small business).
 */
export const TAX_CODES = ['UST19', 'UST7', 'VST19', 'VST7', 'RC_EU', 'RC_DOM', 'EU_SUPPLY', 'EXPORT', 'RC_OUT', 'FREE'] as const;
export type TaxCode = (typeof TAX_CODES)[number];

/** The accounts the automatic postings need, by the job they do. Each chart maps every role to one account. */
export const ACCOUNT_ROLES = [
  'cash',
  'bank',
  'receivables',
  'payables',
  'employeePayables',
  'vatIn19',
  'vatIn7',
  'vatIn13b',
  'vatOut19',
  'vatOut7',
  'vatOut13b',
  'vatOutNotDue19',
  'vatOutNotDue7',
  'revenue19',
  'revenue7',
  'revenueFree',
  'revenueEu',
  'revenueExport',
  'revenue13b',
  'skontoGranted19',
  'skontoGranted7',
  'skontoGrantedFree',
  'skontoReceived19',
  'skontoReceived7',
  'skontoReceivedFree',
  'expenseTravel',
  'expenseMaterial',
  'expenseSoftware',
  'expensePersonnel',
  'expenseService',
  'expenseOther',
  'retainedEarnings',
  'carryForward',
  'carryForwardDebtors',
  'carryForwardCreditors',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface DefaultAccount {
  number: number;
  name: string;
  type: AccountType;
  role: AccountRole | null;
  /** The VAT DATEV books automatically on this account (an Automatikkonto): no BU key needed there. */
  automaticTax: TaxCode | null;
}

type Row = [number, string, AccountType, AccountRole | null, TaxCode | null];
const rows = (list: Row[]): DefaultAccount[] => list.map(([number, name, type, role, automaticTax]) => ({ number, name, type, role, automaticTax }));

/** SKR03 (process-oriented chart), the accounts the automatic postings use plus common ones for manual entries. */
export const SKR03: DefaultAccount[] = rows([
  [800, 'Gezeichnetes Kapital', 'equity', null, null],
  [860, 'Gewinnvortrag vor Verwendung', 'equity', 'retainedEarnings', null],
  [1000, 'Kasse', 'asset', 'cash', null],
  [1200, 'Bank', 'asset', 'bank', null],
  [1360, 'Geldtransit', 'asset', null, null],
  [1400, 'Forderungen aus Lieferungen und Leistungen', 'asset', 'receivables', null],
  [1571, 'Abziehbare Vorsteuer 7 %', 'asset', 'vatIn7', null],
  [1576, 'Abziehbare Vorsteuer 19 %', 'asset', 'vatIn19', null],
  [1577, 'Abziehbare Vorsteuer nach § 13b UStG 19 %', 'asset', 'vatIn13b', null],
  [1600, 'Verbindlichkeiten aus Lieferungen und Leistungen', 'liability', 'payables', null],
  [1740, 'Verbindlichkeiten gegenüber Mitarbeitern (Auslagen)', 'liability', 'employeePayables', null],
  [1765, 'Umsatzsteuer nicht fällig 7 %', 'liability', 'vatOutNotDue7', null],
  [1766, 'Umsatzsteuer nicht fällig 19 %', 'liability', 'vatOutNotDue19', null],
  [1771, 'Umsatzsteuer 7 %', 'liability', 'vatOut7', null],
  [1776, 'Umsatzsteuer 19 %', 'liability', 'vatOut19', null],
  [1787, 'Umsatzsteuer nach § 13b UStG 19 %', 'liability', 'vatOut13b', null],
  [1780, 'Umsatzsteuer-Vorauszahlungen', 'liability', null, null],
  [1800, 'Privatentnahmen allgemein', 'equity', null, null],
  [3400, 'Wareneingang 19 % Vorsteuer', 'expense', 'expenseMaterial', 'VST19'],
  [3730, 'Erhaltene Skonti', 'expense', 'skontoReceivedFree', null],
  [3731, 'Erhaltene Skonti 7 % Vorsteuer', 'expense', 'skontoReceived7', 'VST7'],
  [3736, 'Erhaltene Skonti 19 % Vorsteuer', 'expense', 'skontoReceived19', 'VST19'],
  [4120, 'Gehälter', 'expense', 'expensePersonnel', null],
  [4210, 'Miete', 'expense', null, null],
  [4660, 'Reisekosten Arbeitnehmer', 'expense', 'expenseTravel', null],
  [4806, 'Wartungskosten für Hard- und Software', 'expense', 'expenseSoftware', null],
  [4900, 'Sonstige betriebliche Aufwendungen', 'expense', 'expenseOther', null],
  [4909, 'Fremdleistungen / Fremdarbeiten', 'expense', 'expenseService', null],
  [8100, 'Steuerfreie Umsätze', 'revenue', 'revenueFree', null],
  [8120, 'Steuerfreie Umsätze § 4 Nr. 1a UStG (Ausfuhr)', 'revenue', 'revenueExport', null],
  [8125, 'Steuerfreie innergemeinschaftliche Lieferungen § 4 Nr. 1b UStG', 'revenue', 'revenueEu', null],
  [8300, 'Erlöse 7 % USt', 'revenue', 'revenue7', 'UST7'],
  [8337, 'Erlöse aus Leistungen nach § 13b UStG', 'revenue', 'revenue13b', null],
  [8400, 'Erlöse 19 % USt', 'revenue', 'revenue19', 'UST19'],
  [8731, 'Gewährte Skonti 7 % USt', 'revenue', 'skontoGranted7', 'UST7'],
  [8736, 'Gewährte Skonti 19 % USt', 'revenue', 'skontoGranted19', 'UST19'],
  [8730, 'Gewährte Skonti', 'revenue', 'skontoGrantedFree', null],
  [9000, 'Saldenvorträge Sachkonten', 'carryForward', 'carryForward', null],
  [9008, 'Saldenvorträge Debitoren', 'carryForward', 'carryForwardDebtors', null],
  [9009, 'Saldenvorträge Kreditoren', 'carryForward', 'carryForwardCreditors', null],
]);

/** SKR04 (balance-sheet-oriented chart). */
export const SKR04: DefaultAccount[] = rows([
  [800, 'Gezeichnetes Kapital', 'equity', null, null],
  [1200, 'Forderungen aus Lieferungen und Leistungen', 'asset', 'receivables', null],
  [1401, 'Abziehbare Vorsteuer 7 %', 'asset', 'vatIn7', null],
  [1406, 'Abziehbare Vorsteuer 19 %', 'asset', 'vatIn19', null],
  [1407, 'Abziehbare Vorsteuer nach § 13b UStG 19 %', 'asset', 'vatIn13b', null],
  [1460, 'Geldtransit', 'asset', null, null],
  [1600, 'Kasse', 'asset', 'cash', null],
  [1800, 'Bank', 'asset', 'bank', null],
  [2100, 'Privatentnahmen allgemein', 'equity', null, null],
  [2970, 'Gewinnvortrag vor Verwendung', 'equity', 'retainedEarnings', null],
  [3300, 'Verbindlichkeiten aus Lieferungen und Leistungen', 'liability', 'payables', null],
  [3720, 'Verbindlichkeiten gegenüber Mitarbeitern (Auslagen)', 'liability', 'employeePayables', null],
  [3801, 'Umsatzsteuer 7 %', 'liability', 'vatOut7', null],
  [3806, 'Umsatzsteuer 19 %', 'liability', 'vatOut19', null],
  [3815, 'Umsatzsteuer nicht fällig 7 %', 'liability', 'vatOutNotDue7', null],
  [3816, 'Umsatzsteuer nicht fällig 19 %', 'liability', 'vatOutNotDue19', null],
  [3837, 'Umsatzsteuer nach § 13b UStG 19 %', 'liability', 'vatOut13b', null],
  [3820, 'Umsatzsteuer-Vorauszahlungen', 'liability', null, null],
  [4100, 'Steuerfreie Umsätze', 'revenue', 'revenueFree', null],
  [4120, 'Steuerfreie Umsätze § 4 Nr. 1a UStG (Ausfuhr)', 'revenue', 'revenueExport', null],
  [4125, 'Steuerfreie innergemeinschaftliche Lieferungen § 4 Nr. 1b UStG', 'revenue', 'revenueEu', null],
  [4300, 'Erlöse 7 % USt', 'revenue', 'revenue7', 'UST7'],
  [4337, 'Erlöse aus Leistungen nach § 13b UStG', 'revenue', 'revenue13b', null],
  [4400, 'Erlöse 19 % USt', 'revenue', 'revenue19', 'UST19'],
  [4730, 'Gewährte Skonti', 'revenue', 'skontoGrantedFree', null],
  [4731, 'Gewährte Skonti 7 % USt', 'revenue', 'skontoGranted7', 'UST7'],
  [4736, 'Gewährte Skonti 19 % USt', 'revenue', 'skontoGranted19', 'UST19'],
  [5400, 'Wareneingang 19 % Vorsteuer', 'expense', 'expenseMaterial', 'VST19'],
  [5730, 'Erhaltene Skonti', 'expense', 'skontoReceivedFree', null],
  [5731, 'Erhaltene Skonti 7 % Vorsteuer', 'expense', 'skontoReceived7', 'VST7'],
  [5736, 'Erhaltene Skonti 19 % Vorsteuer', 'expense', 'skontoReceived19', 'VST19'],
  [5900, 'Fremdleistungen', 'expense', 'expenseService', null],
  [6020, 'Gehälter', 'expense', 'expensePersonnel', null],
  [6310, 'Miete', 'expense', null, null],
  [6300, 'Sonstige betriebliche Aufwendungen', 'expense', 'expenseOther', null],
  [6495, 'Wartungskosten für Hard- und Software', 'expense', 'expenseSoftware', null],
  [6650, 'Reisekosten Arbeitnehmer', 'expense', 'expenseTravel', null],
  [9000, 'Saldenvorträge Sachkonten', 'carryForward', 'carryForward', null],
  [9008, 'Saldenvorträge Debitoren', 'carryForward', 'carryForwardDebtors', null],
  [9009, 'Saldenvorträge Kreditoren', 'carryForward', 'carryForwardCreditors', null],
]);

export const DEFAULT_CHARTS: Record<Chart, DefaultAccount[]> = { SKR03, SKR04 };

/** Personal accounts (Personenkonten): debtors 10000–69999, creditors 70000–99999 (DATEV with 4-digit ledger accounts). */
export const DEBTOR_RANGE = { from: 10000, to: 69999 } as const;
export const CREDITOR_RANGE = { from: 70000, to: 99999 } as const;

/** DATEV allows at most 60 characters of posting text (Buchungstext). */
export const POSTING_TEXT_MAX = 60;
/** DATEV's document field 1 (Belegfeld 1) holds at most 36 characters. */
export const DOCUMENT_NUMBER_MAX = 36;
