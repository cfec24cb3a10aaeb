import { divRound, fromCents, toCents } from '@workmate/domain/money';
import { money } from '@workmate/domain/schemas/common';
import { ExpenseCreateInput, ExpenseUpdateInput } from '@workmate/domain/schemas/expenses';
import type { Lang } from '../../i18n/i18n.tsx';
import type { FieldErrors } from '../../lib/errors.ts';
import { readAmountFields, readMoney } from '../../lib/number-input.ts';
import { zodFieldErrors } from '../../ui/use-form.ts';
import { decimalText } from '../invoices/invoice-options.ts';
import type { Expense } from './expense-options.ts';
import { REQUIRED } from '../../lib/field-errors.ts';

/** The net amount as the schema reads it, after the typed text is read ("12.500,00" → "12500.00"). */
const NetAmount = money(9_999_999);

export interface LiveVat {
  net: string;
  tax: string;
  gross: string;
}

/**
 * Input VAT and gross from the typed net amount and rate, in integer cents and rounded half up
 * like the server (and invoices) do. Null while the amount is not a valid amount yet.
 */
export function liveVat(netText: string, rate: string, lang: Lang): LiveVat | null {
  const typed = readMoney(netText, lang);
  if (!typed.ok) return null;
  const parsed = NetAmount.safeParse(typed.value);
  const r = Number(rate);
  if (!parsed.success || ![19, 7, 0].includes(r)) return null;
  const net = toCents(parsed.data);
  const tax = divRound(net * BigInt(r), 100n);
  return { net: fromCents(net), tax: fromCents(tax), gross: fromCents(net + tax) };
}

/** The expense as form values (strings and a boolean). */
export function expenseValues(e: Expense | undefined, preset: { employeeId: string; projectId: string; today: string }, lang: Lang) {
  return {
    employeeId: e?.employee.id ?? preset.employeeId,
    projectId: e ? (e.project?.id ?? '') : preset.projectId,
    invoiceId: e?.invoice?.id ?? '',
    category: e?.category ?? 'other',
    title: e?.title ?? '',
    description: e?.description ?? '',
    netAmount: decimalText(e?.netAmount, lang),
    taxRate: String(e?.taxRate ?? 19),
    expenseDate: e?.expenseDate ?? preset.today,
    notes: e?.notes ?? '',
    billable: e?.billable ?? false,
  };
}
export type ExpenseValues = ReturnType<typeof expenseValues>;

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The schema's errors, with an empty amount called missing rather than malformed. */
function errorsOf(error: Parameters<typeof zodFieldErrors>[0], v: ExpenseValues): FieldErrors {
  const errors = zodFieldErrors(error);
  if (!v.netAmount.trim()) errors.netAmount = [REQUIRED];
  return errors;
}

function body(v: ExpenseValues, receiptId: string | null, sendEmployee: boolean) {
  return {
    // Without finance.manage the server records it for oneself anyway; sending it would only be refused.
    employeeId: sendEmployee && v.employeeId ? v.employeeId : undefined,
    projectId: v.projectId || null,
    invoiceId: v.invoiceId || null,
    category: v.category,
    title: v.title,
    description: v.description,
    netAmount: v.netAmount,
    taxRate: v.taxRate,
    expenseDate: v.expenseDate,
    receiptId,
    notes: v.notes,
    billable: v.billable,
  };
}

export function toCreateInput(v: ExpenseValues, receiptId: string | null, sendEmployee: boolean, lang: Lang): Parsed<ExpenseCreateInput> {
  const typed = readAmountFields(v, ['netAmount'], lang);
  if (!typed.ok) return typed;
  const parsed = ExpenseCreateInput.safeParse(body(typed.values, receiptId, sendEmployee));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: errorsOf(parsed.error, v) };
}

export function toUpdateInput(e: Expense, v: ExpenseValues, receiptId: string | null, sendEmployee: boolean, lang: Lang): Parsed<ExpenseUpdateInput> {
  const typed = readAmountFields(v, ['netAmount'], lang);
  if (!typed.ok) return typed;
  const parsed = ExpenseUpdateInput.safeParse({ ...body(typed.values, receiptId, sendEmployee), id: e.id, version: e.version });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: errorsOf(parsed.error, v) };
}
