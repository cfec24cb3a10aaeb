import type { InvoiceType, TaxCase, TaxRate } from '@workmate/domain/enums';
import { computeTotals, type InvoiceTotals, type TotalsLine } from '@workmate/domain/invoice-totals';
import { InvoiceCreateInput, InvoiceUpdateInput, Quantity, UnitPrice } from '@workmate/domain/schemas/invoices';
import type { z } from 'zod';
import type { Lang } from '../../i18n/i18n.tsx';
import type { FieldErrors } from '../../lib/errors.ts';
import { readPrice, readQuantity } from '../../lib/number-input.ts';
import { decimalText, type Invoice } from './invoice-options.ts';
import { problemOf, REQUIRED } from '../../lib/field-errors.ts';

/** One line as typed: every number still a string, so half-typed input never throws. */
export interface LineValues {
  /** Stable React key; new lines have no `id` yet. */
  key: string;
  /** The stored line's id: sent back so the line (and the time it bills) stays the same line. */
  id?: string | undefined;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  taxRate: string;
  timeEntryCount: number;
  /** The article the line sells (inventory), if any. */
  articleId?: string | null | undefined;
}

let lastKey = 0;
export const newKey = () => `new-${++lastKey}`;

export function emptyLine(documentLanguage: string): LineValues {
  return { key: newKey(), description: '', quantity: '1', unit: documentLanguage === 'en' ? 'pcs' : 'Stk.', unitPrice: '', taxRate: '19', timeEntryCount: 0 };
}

export function lineValues(invoice: Invoice | undefined, lang: Lang): LineValues[] {
  return (invoice?.lines ?? []).map((l) => ({
    key: l.id,
    id: l.id,
    description: l.description,
    quantity: decimalText(l.quantity, lang),
    unit: l.unit,
    unitPrice: decimalText(l.unitPrice, lang),
    taxRate: String(l.taxRate),
    timeEntryCount: l.timeEntryCount,
    articleId: l.articleId,
  }));
}

export type ServiceMode = 'date' | 'period';

/** The document's fields as form values (strings and booleans). */
export function headerValues(invoice: Invoice | undefined, preset: { type: InvoiceType; customerId: string; projectId: string }, lang: Lang = 'de') {
  return {
    type: invoice?.type ?? preset.type,
    customerId: invoice?.customer.id ?? preset.customerId,
    projectId: invoice ? (invoice.project?.id ?? '') : preset.projectId,
    language: invoice?.language ?? '',
    reverseCharge: invoice?.reverseCharge ?? false,
    serviceMode: (invoice?.servicePeriodFrom ? 'period' : 'date') as ServiceMode,
    serviceDate: invoice?.serviceDate ?? '',
    servicePeriodFrom: invoice?.servicePeriodFrom ?? '',
    servicePeriodTo: invoice?.servicePeriodTo ?? '',
    paymentTermsDays: invoice ? String(invoice.paymentTermsDays) : '',
    // Skonto: on a new invoice, empty means the company default; on a draft, empty means none.
    skontoPercent: decimalText(invoice?.skontoPercent, lang),
    skontoDays: invoice?.skontoDays != null ? String(invoice.skontoDays) : '',
    validUntil: invoice?.validUntil ?? '',
    introText: invoice?.introText ?? '',
    paymentTerms: invoice?.paymentTerms ?? '',
    footerText: invoice?.footerText ?? '',
    notes: invoice?.notes ?? '',
    isNew: !invoice,
  };
}
export type HeaderValues = ReturnType<typeof headerValues>;

export interface LineCheck {
  /** The line as computeTotals takes it, or null while quantity or price is not a valid number. */
  line: TotalsLine | null;
  quantityProblem: string | null;
  unitPriceProblem: string | null;
}

/**
 * A line's number as typed in the page's language ("1.234,5" in German) as the decimal string
 * the schemas take; text that is no number stays as typed, and `typedProblem` says why.
 */
function typedNumber(text: string, lang: Lang, read: typeof readPrice): { value: string; problem: string | null } {
  if (text.trim() === '') return { value: text, problem: null };
  const r = read(text, lang);
  return r.ok ? { value: r.value, problem: null } : { value: text, problem: r.error };
}

/** Reads a line with the same parser and schemas as the form sends; empty fields are "not yet", not wrong. */
export function checkLine(l: LineValues, lang: Lang): LineCheck {
  const typedQuantity = typedNumber(l.quantity, lang, readQuantity);
  const typedPrice = typedNumber(l.unitPrice, lang, readPrice);
  const quantity = Quantity.safeParse(typedQuantity.value);
  const unitPrice = UnitPrice.safeParse(typedPrice.value);
  const problem = (text: string, typed: string | null, result: { success: boolean; error?: z.ZodError }) =>
    text.trim() === '' || (result.success && !typed) ? null : (typed ?? result.error?.issues[0]?.message ?? 'is invalid');
  return {
    line: quantity.success && unitPrice.success && !typedQuantity.problem && !typedPrice.problem ? { quantity: quantity.data, unitPrice: unitPrice.data, taxRate: Number(l.taxRate) as TaxRate } : null,
    quantityProblem: problem(l.quantity, typedQuantity.problem, quantity),
    unitPriceProblem: problem(l.unitPrice, typedPrice.problem, unitPrice),
  };
}

export interface LiveTotals {
  totals: InvoiceTotals;
  /** Per line in order: its net amount, or null when it does not count (yet). */
  nets: Array<string | null>;
  checks: LineCheck[];
  /** Lines left out of the totals because a number is missing or invalid. */
  skipped: number;
}

/** The totals as the server will compute them (same function), over the lines that are valid so far. */
export function liveTotals(lines: LineValues[], taxCase: TaxCase, lang: Lang): LiveTotals {
  const checks = lines.map((l) => checkLine(l, lang));
  const valid = checks.flatMap((c) => (c.line ? [c.line] : []));
  let totals: InvoiceTotals;
  try {
    totals = computeTotals(valid, taxCase);
  } catch {
    // The schemas above make this unreachable; a typing accident must still never break the page.
    totals = computeTotals([], taxCase);
  }
  let next = 0;
  const nets = checks.map((c) => (c.line ? (totals.lines[next++]?.netAmount ?? null) : null));
  // A fresh, still empty line is not worth a note; one with text or a wrong number is.
  const skipped = checks.filter((c, i) => !c.line && (c.quantityProblem || c.unitPriceProblem || lines[i]?.description.trim())).length;
  return { totals, nets, checks, skipped };
}

/**
 * Skonto fields as sent: both empty on a new invoice leaves the company default (undefined),
 * on a draft it removes the terms (null); a number of days as typed goes to the schema as is.
 */
function skontoInput(v: HeaderValues): { skontoPercent?: string | null; skontoDays?: number | string | null } {
  const percent = v.skontoPercent.trim();
  const days = v.skontoDays.trim();
  if (!percent && !days) return v.isNew ? {} : { skontoPercent: null, skontoDays: null };
  return { skontoPercent: percent || null, skontoDays: days === '' ? null : /^-?\d+$/.test(days) ? Number(days) : days };
}

/** The request body (before schema parsing) for create and update. */
function documentInput(v: HeaderValues, lines: LineValues[], lang: Lang) {
  const period = v.serviceMode === 'period';
  const days = v.paymentTermsDays.trim();
  return {
    ...skontoInput(v),
    customerId: v.customerId,
    projectId: v.projectId || null,
    language: v.language || undefined,
    reverseCharge: v.reverseCharge,
    serviceDate: period ? null : v.serviceDate,
    servicePeriodFrom: period ? v.servicePeriodFrom : null,
    servicePeriodTo: period ? v.servicePeriodTo : null,
    paymentTermsDays: days === '' ? undefined : Number(days),
    validUntil: v.type === 'quote' ? v.validUntil : undefined,
    introText: v.introText,
    paymentTerms: v.paymentTerms,
    footerText: v.footerText,
    notes: v.notes,
    lines: lines.map((l) => ({
      id: l.id,
      description: l.description,
      quantity: typedNumber(l.quantity, lang, readQuantity).value,
      unit: l.unit,
      unitPrice: typedNumber(l.unitPrice, lang, readPrice).value,
      taxRate: l.taxRate,
      ...(l.articleId ? { articleId: l.articleId } : {}),
    })),
  };
}

/** Issues under their full path (`lines.0.quantity`), as the server reports them. */
function issuePaths(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.length ? issue.path.join('.') : '_'] ??= []).push(problemOf(issue));
  return out;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The parser's word on a line's number wins over the schema's (it says what is wrong with the text typed). */
function typedErrors(lines: LineValues[], lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  lines.forEach((l, i) => {
    const quantity = typedNumber(l.quantity, lang, readQuantity).problem;
    const unitPrice = typedNumber(l.unitPrice, lang, readPrice).problem;
    if (quantity) out[`lines.${i}.quantity`] = [quantity];
    if (unitPrice) out[`lines.${i}.unitPrice`] = [unitPrice];
  });
  return out;
}

export function toCreateInput(v: HeaderValues, lines: LineValues[], lang: Lang): Parsed<InvoiceCreateInput> {
  const parsed = InvoiceCreateInput.safeParse({ type: v.type, ...documentInput(v, lines, lang) });
  const typed = typedErrors(lines, lang);
  if (parsed.success && !Object.keys(typed).length) return { ok: true, data: parsed.data };
  const errors = { ...(parsed.success ? {} : issuePaths(parsed.error)), ...typed };
  if (!v.customerId) errors.customerId = [REQUIRED];
  return { ok: false, errors };
}

export function toUpdateInput(invoice: Invoice, v: HeaderValues, lines: LineValues[], lang: Lang): Parsed<InvoiceUpdateInput> {
  const parsed = InvoiceUpdateInput.safeParse({ id: invoice.id, version: invoice.version, ...documentInput(v, lines, lang) });
  const typed = typedErrors(lines, lang);
  if (parsed.success && !Object.keys(typed).length) return { ok: true, data: parsed.data };
  return { ok: false, errors: { ...(parsed.success ? {} : issuePaths(parsed.error)), ...typed } };
}

/** Splits errors into the document's fields and the lines' (`lines.3.quantity` → line at index 3). */
export function splitErrors(errors: FieldErrors, lines: LineValues[]): { header: FieldErrors; lines: Record<string, FieldErrors> } {
  const header: FieldErrors = {};
  const perLine: Record<string, FieldErrors> = {};
  for (const [path, messages] of Object.entries(errors)) {
    const m = /^lines\.(\d+)\.(\w+)$/.exec(path);
    const key = m ? lines[Number(m[1])]?.key : undefined;
    if (m && key) (perLine[key] ??= {})[m[2] as string] = messages;
    else header[path] = messages;
  }
  return { header, lines: perLine };
}
