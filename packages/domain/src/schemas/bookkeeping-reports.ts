import { z } from 'zod';
import type { AccountType } from '../bookkeeping.ts';
import { date, Id } from './common.ts';

/**
 * Bookkeeping reports (issue 16): trial balance (Summen- und Saldenliste), account ledger
 * (Kontoblatt), P&L, balance sheet and the UStVA figures. Amounts are euros with two places
 * (decimal strings); a balance is debit positive, credit negative.
 */

/** A date range inside one fiscal year (the calendar year): the opening balance is the year's postings before `from`. */
export const ReportRangeInput = z
  .object({ from: date, to: date })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start date' });
    else if (r.to.slice(0, 4) !== r.from.slice(0, 4)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be in the same fiscal year as the start date' });
  });
export type ReportRangeInput = z.infer<typeof ReportRangeInput>;

export interface TrialBalanceRow {
  accountId: string;
  number: number;
  name: string;
  type: AccountType;
  opening: string;
  debit: string;
  credit: string;
  closing: string;
}
export interface TrialBalanceDto {
  from: string;
  to: string;
  rows: TrialBalanceRow[];
  /** Sums over all accounts: opening and closing are 0 and debit = credit when every entry balances. */
  totals: { opening: string; debit: string; credit: string; closing: string };
}

/** A keyset cursor of the account ledger: the last row's date, entry number and line number. */
const LEDGER_CURSOR = /^\d{4}-\d{2}-\d{2}~\d{1,9}~\d{1,4}$/;

export const AccountLedgerInput = z
  .object({
    accountId: Id,
    from: date,
    to: date,
    cursor: z.string().regex(LEDGER_CURSOR, { error: 'is not a cursor of this list' }).nullish(),
    pageSize: z.int().min(1).max(500).default(100),
  })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start date' });
    else if (r.to.slice(0, 4) !== r.from.slice(0, 4)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be in the same fiscal year as the start date' });
  });
export type AccountLedgerInput = z.infer<typeof AccountLedgerInput>;

export interface AccountLedgerRow {
  entryId: string;
  entryDate: string;
  entryNumber: number;
  lineNo: number;
  documentNumber: string | null;
  description: string;
  taxCode: string | null;
  debit: string;
  credit: string;
  /** The account's balance after this line (running, from the opening balance). */
  balance: string;
}
export interface AccountLedgerDto {
  account: { id: string; number: number; name: string; type: AccountType };
  opening: string;
  rows: AccountLedgerRow[];
  nextCursor: string | null;
}

export interface StatementLine {
  accountId: string;
  number: number;
  name: string;
  /** Shown positive on its side (revenue as credit, expense as debit, assets debit, liabilities credit). */
  amount: string;
}

export interface ProfitAndLossDto {
  from: string;
  to: string;
  revenue: StatementLine[];
  expense: StatementLine[];
  totalRevenue: string;
  totalExpense: string;
  /** Revenue − expense: a profit positive, a loss negative. */
  result: string;
}

export const BalanceSheetInput = z.object({ date });
export type BalanceSheetInput = z.infer<typeof BalanceSheetInput>;

export interface BalanceSheetDto {
  date: string;
  assets: StatementLine[];
  /** Liabilities, equity and the carried-forward balances (Saldenvorträge). */
  liabilitiesAndEquity: StatementLine[];
  /** The fiscal year's result up to the date (revenue − expense), on the liability+equity side. */
  result: string;
  totalAssets: string;
  totalLiabilitiesAndEquity: string;
}

/** A month (1–12) or a quarter (1–4) of a year: the period of an advance VAT return. */
export const VatReturnInput = z
  .object({ year: z.int().min(2000).max(2100), month: z.int().min(1).max(12).optional(), quarter: z.int().min(1).max(4).optional() })
  .superRefine((r, ctx) => {
    if ((r.month === undefined) === (r.quarter === undefined)) ctx.addIssue({ code: 'custom', path: ['month'], message: 'give either a month or a quarter' });
  });
export type VatReturnInput = z.infer<typeof VatReturnInput>;

/** The Kennzahlen of the UStVA form this app fills. Bases in whole euros, taxes in euros and cents. */
export const VAT_RETURN_FIELDS = ['81', '81tax', '86', '86tax', '35', '36', '41', '43', '60', '46', '47', '84', '85', '66', '67', '83'] as const;
export type VatReturnField = (typeof VAT_RETURN_FIELDS)[number];

export interface VatReturnDto {
  year: number;
  from: string;
  to: string;
  /**
   * Kennzahl → value: bases ("81", "86", "35", "41", "43", "60", "46", "84") in whole euros
   * (cents cut off, as the form wants), taxes ("81tax", "86tax", "36", "47", "85", "66", "67", "83")
   * in euros with two places. "83" is output VAT − input VAT (a refund negative).
   */
  fields: Record<VatReturnField, string>;
}

/** A CSV file to download. */
export interface CsvFileDto {
  filename: string;
  content: string;
}
