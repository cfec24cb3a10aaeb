import { z } from 'zod';
import { POSTING_TEXT_MAX, TAX_CODES } from '../bookkeeping.ts';
import { date, Id, money, Page, plainString, text } from './common.ts';

/** One line of a manual entry: an account and either a debit or a credit amount (euros, two places). */
export const ManualLineInput = z
  .object({
    accountId: Id,
    debit: money().optional(),
    credit: money().optional(),
    taxCode: z.enum(TAX_CODES).nullish(),
    costCentreId: Id.nullish(),
  })
  .superRefine((line, ctx) => {
    const d = line.debit && line.debit !== '0.00';
    const c = line.credit && line.credit !== '0.00';
    if (d === c) ctx.addIssue({ code: 'custom', path: ['debit'], message: 'give either a debit or a credit amount greater than 0' });
  });
export type ManualLineInput = z.infer<typeof ManualLineInput>;

export const ManualEntryInput = z.object({
  entryDate: date,
  documentDate: date.nullish(),
  documentNumber: plainString().trim().max(36, { error: 'must be at most 36 characters' }).nullish(),
  description: text(POSTING_TEXT_MAX),
  lines: z.array(ManualLineInput).min(2, { error: 'needs at least two lines' }).max(100, { error: 'must be at most 100 lines' }),
});
export type ManualEntryInput = z.infer<typeof ManualEntryInput>;

export const ReverseEntryInput = z.object({ id: Id, reason: text(POSTING_TEXT_MAX).optional() });
export type ReverseEntryInput = z.infer<typeof ReverseEntryInput>;

export const JournalListInput = Page.extend({
  year: z.int().min(2000).max(2100),
  from: date.optional(),
  to: date.optional(),
  accountId: Id.optional(),
  search: plainString().trim().max(100).optional(),
});
export type JournalListInput = z.infer<typeof JournalListInput>;

export interface JournalLineDto {
  lineNo: number;
  accountId: string;
  accountNumber: number;
  accountName: string;
  /** Euros, two places; debit and credit are both "0.00" or one of them. */
  debit: string;
  credit: string;
  taxCode: string | null;
  isTax: boolean;
  taxBase: string | null;
  costCentreId: string | null;
  openItemId: string | null;
}

export interface JournalEntryDto {
  id: string;
  fiscalYear: number;
  entryNumber: number;
  entryDate: string;
  documentDate: string | null;
  documentNumber: string | null;
  description: string;
  sourceType: string | null;
  sourceId: string | null;
  kind: string | null;
  reversesId: string | null;
  reversedById: string | null;
  createdAt: string;
  lines: JournalLineDto[];
}

export const AccountListInput = z.object({
  includePersonal: z.boolean().default(true),
  includeInactive: z.boolean().default(false),
  search: plainString().trim().max(100).optional(),
});
export type AccountListInput = z.infer<typeof AccountListInput>;

export interface AccountDto {
  id: string;
  /** SKR03, SKR04 or personal (a debtor or creditor). */
  chart: string;
  number: number;
  name: string;
  type: 'asset' | 'liability' | 'equity' | 'revenue' | 'expense' | 'carryForward';
  role: string | null;
  automaticTax: string | null;
  customerId: string | null;
  supplierId: string | null;
  active: boolean;
  version: number;
}

/** Open items (Offene Posten): of customers (debtors) or suppliers (creditors), optionally of one of them. */
export const OpenItemListInput = z.object({
  side: z.enum(['debtor', 'creditor']),
  partyId: Id.optional(),
  /** Also the items settled to 0. */
  includeSettled: z.boolean().default(false),
  /** The list as it stood at the end of this day (Stichtag): postings dated later are left out. Today's list when absent. */
  asOf: date.optional(),
});
export type OpenItemListInput = z.infer<typeof OpenItemListInput>;

export interface OpenItemDto {
  /** The invoice (or received invoice) the item is for. */
  id: string;
  documentNumber: string | null;
  documentDate: string | null;
  dueDate: string | null;
  partyId: string;
  partyName: string;
  accountNumber: number;
  /** Everything posted that opened the item (invoices), as money; positive for both sides. */
  amount: string;
  /** What is still open: debtors owe it (positive), creditors are owed it (positive). */
  open: string;
}

/** Per customer or supplier: the personal account's balance and the sum of its open items (they agree). */
export interface OpenItemPartyDto {
  partyId: string;
  partyName: string;
  accountId: string;
  accountNumber: number;
  balance: string;
  openItems: string;
}

export interface OpenItemListDto {
  items: OpenItemDto[];
  parties: OpenItemPartyDto[];
  total: string;
}

/** Cost centres of a fiscal year with their budget and what the journal says they consumed. */
export const CostCentreListInput = z.object({ year: z.int().min(2000).max(2100) });
export type CostCentreListInput = z.infer<typeof CostCentreListInput>;

/** Sets (or with null removes) a cost centre's budget for a fiscal year, in euros. */
export const CostCentreBudgetInput = z.object({ costCentreId: Id, year: z.int().min(2000).max(2100), amount: money().nullable() });
export type CostCentreBudgetInput = z.infer<typeof CostCentreBudgetInput>;

export interface CostCentreDto {
  id: string;
  code: string;
  name: string;
  projectId: string | null;
  year: number;
  budget: string | null;
  /** Net expenses posted on the centre in the year (debit on expense accounts, less credits). */
  consumed: string;
  /** Budget − consumed; null without a budget. */
  remaining: string | null;
}
