import { z } from 'zod';
import { EXPENSE_CATEGORIES } from '../enums.ts';
import { date, Id, money, optionalDate, optionalText, Page, plainString, SortDirection, text, updateFields, Version } from './common.ts';
import { TaxRateInput } from './invoices.ts';

const fields = {
  /** Who spent it; defaults to the person recording it (others need `finance.manage`). */
  employeeId: Id.optional(),
  projectId: Id.nullish(),
  invoiceId: Id.nullish(),
  category: z.enum(EXPENSE_CATEGORIES),
  title: text(200),
  description: optionalText(5000),
  /** Net amount in euros; the input VAT is computed from it and the rate. */
  netAmount: money(9_999_999),
  taxRate: TaxRateInput.default(19),
  expenseDate: date,
  /** The receipt: a document uploaded through POST /api/documents. */
  receiptId: Id.nullish(),
  notes: optionalText(5000),
  /** Can be billed to the customer on an invoice. */
  billable: z.boolean().default(false),
};

export const ExpenseCreateInput = z.object(fields);
export type ExpenseCreateInput = z.infer<typeof ExpenseCreateInput>;
export const ExpenseUpdateInput = z.object({ ...updateFields(fields), id: Id, version: Version });
export type ExpenseUpdateInput = z.infer<typeof ExpenseUpdateInput>;

export const ExpenseFilter = z
  .object({
    title: plainString().trim().max(200).optional(),
    category: z.enum(EXPENSE_CATEGORIES).optional(),
    projectId: Id.optional(),
    invoiceId: Id.optional(),
    employeeId: Id.optional(),
    from: date.optional(),
    to: date.optional(),
    billable: z.boolean().optional(),
    reimbursed: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start of the range' });
  });
export type ExpenseFilter = z.infer<typeof ExpenseFilter>;

export const EXPENSE_SORTS = ['expenseDate', 'netAmount', 'title', 'category', 'createdAt'] as const;
export const ExpenseListInput = z.intersection(ExpenseFilter, Page.extend({ sort: z.enum(EXPENSE_SORTS).default('expenseDate'), direction: SortDirection.default('desc') }));
export type ExpenseListInput = z.infer<typeof ExpenseListInput>;

/** KPIs over the filtered expenses; the monthly trend covers the given year (default: this year). */
export const ExpenseKpisInput = z.intersection(ExpenseFilter, z.object({ year: z.int().min(2000).max(2100).optional() }));
export type ExpenseKpisInput = z.infer<typeof ExpenseKpisInput>;

export const ReimburseInput = z.object({ id: Id, reimbursedOn: optionalDate });
