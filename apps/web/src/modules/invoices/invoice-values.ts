import type { InvoiceType, TaxCase, TaxRate } from '@workmate/domain/enums';
import { computeTotals, type InvoiceTotals, type TotalsLine } from '@workmate/domain/invoice-totals';
import { InvoiceCreateInput, InvoiceUpdateInput, Quantity, UnitPrice } from '@workmate/domain/schemas/invoices';
import type { z } from 'zod';
import type { Lang } from '../../i18n/i18n.tsx';
import type { FieldErrors } from '../../lib/errors.ts';
import { decimalText, type Invoice } from './invoice-options.ts';

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
}

let lastKey = 0;
const newKey = () => `new-${++lastKey}`;

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
  }));
}

export type ServiceMode = 'date' | 'period';

/** The document's fields as form values (strings and booleans). */
export function headerValues(invoice: Invoice | undefined, preset: { type: InvoiceType; customerId: string; projectId: string }) {
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
    validUntil: invoice?.validUntil ?? '',
    introText: invoice?.introText ?? '',
    paymentTerms: invoice?.paymentTerms ?? '',
    footerText: invoice?.footerText ?? '',
    notes: invoice?.notes ?? '',
  };
}
export type HeaderValues = ReturnType<typeof headerValues>;

export interface LineCheck {
  /** The line as computeTotals takes it, or null while quantity or price is not a valid number. */
  line: TotalsLine | null;
  quantityProblem: string | null;
  unitPriceProblem: string | null;
}

/** Reads a line with the same schemas the server validates with; empty fields are "not yet", not wrong. */
export function checkLine(l: LineValues): LineCheck {
  const quantity = Quantity.safeParse(l.quantity);
  const unitPrice = UnitPrice.safeParse(l.unitPrice);
  const problem = (text: string, result: { success: boolean; error?: z.ZodError }) =>
    text.trim() === '' || result.success ? null : (result.error?.issues[0]?.message ?? 'is invalid');
  return {
    line: quantity.success && unitPrice.success ? { quantity: quantity.data, unitPrice: unitPrice.data, taxRate: Number(l.taxRate) as TaxRate } : null,
    quantityProblem: problem(l.quantity, quantity),
    unitPriceProblem: problem(l.unitPrice, unitPrice),
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
export function liveTotals(lines: LineValues[], taxCase: TaxCase): LiveTotals {
  const checks = lines.map(checkLine);
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

/** The request body (before schema parsing) for create and update. */
function documentInput(v: HeaderValues, lines: LineValues[]) {
  const period = v.serviceMode === 'period';
  const days = v.paymentTermsDays.trim();
  return {
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
    lines: lines.map((l) => ({ id: l.id, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, taxRate: l.taxRate })),
  };
}

/** Issues under their full path (`lines.0.quantity`), as the server reports them. */
function issuePaths(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.length ? issue.path.join('.') : '_'] ??= []).push(issue.message);
  return out;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function toCreateInput(v: HeaderValues, lines: LineValues[]): Parsed<InvoiceCreateInput> {
  const parsed = InvoiceCreateInput.safeParse({ type: v.type, ...documentInput(v, lines) });
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors = issuePaths(parsed.error);
  if (!v.customerId) errors.customerId = ['is required'];
  return { ok: false, errors };
}

export function toUpdateInput(invoice: Invoice, v: HeaderValues, lines: LineValues[]): Parsed<InvoiceUpdateInput> {
  const parsed = InvoiceUpdateInput.safeParse({ id: invoice.id, version: invoice.version, ...documentInput(v, lines) });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: issuePaths(parsed.error) };
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
