import { RecurringCreateInput, RecurringUpdateInput } from '@workmate/domain/schemas/recurring';
import type { z } from 'zod';
import type { Lang } from '../../i18n/i18n.tsx';
import type { FieldErrors } from '../../lib/errors.ts';
import { problemOf, REQUIRED } from '../../lib/field-errors.ts';
import { readPrice, readQuantity } from '../../lib/number-input.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { useQueryClient } from '@tanstack/react-query';
import { decimalText } from '../invoices/invoice-options.ts';
import type { LineValues } from '../invoices/invoice-values.ts';

export type Recurring = RouterOutputs['invoices']['recurring']['get'];
export type RecurringPeriod = RouterOutputs['invoices']['recurring']['invoices']['items'][number];

/** The template's fields as form values (strings and booleans). */
export function templateValues(t: Recurring | undefined, preset: { customerId: string; startDate: string }) {
  return {
    name: t?.name ?? '',
    customerId: t?.customer.id ?? preset.customerId,
    interval: t?.interval ?? 'monthly',
    startDate: t?.startDate ?? preset.startDate,
    endDate: t?.endDate ?? '',
    paymentTermsDays: t?.paymentTermsDays === null || t?.paymentTermsDays === undefined ? '' : String(t.paymentTermsDays),
    language: t?.language ?? '',
    introText: t?.introText ?? '',
    footerText: t?.footerText ?? '',
    notes: t?.notes ?? '',
    active: t?.active ?? true,
    autoFinalize: t?.autoFinalize ?? false,
    autoSend: t?.autoSend ?? false,
  };
}
export type TemplateValues = ReturnType<typeof templateValues>;

export function templateLines(t: Recurring | undefined, lang: Lang): LineValues[] {
  return (t?.lines ?? []).map((l, i) => ({
    key: `stored-${i}`,
    description: l.description,
    quantity: decimalText(l.quantity, lang),
    unit: l.unit,
    unitPrice: decimalText(l.unitPrice, lang),
    taxRate: String(l.taxRate),
    timeEntryCount: 0,
  }));
}

/** A number as typed in the page's language, as the decimal string the schema takes (text that is no number stays, for the schema to name). */
function typed(text: string, lang: Lang, read: typeof readPrice): { value: string; problem: string | null } {
  if (text.trim() === '') return { value: text, problem: null };
  const r = read(text, lang);
  return r.ok ? { value: r.value, problem: null } : { value: text, problem: r.error };
}

function body(v: TemplateValues, lines: LineValues[], lang: Lang) {
  const days = v.paymentTermsDays.trim();
  return {
    name: v.name,
    customerId: v.customerId,
    interval: v.interval,
    startDate: v.startDate,
    endDate: v.endDate,
    paymentTermsDays: days === '' ? null : Number(days),
    language: v.language || null,
    introText: v.introText,
    footerText: v.footerText,
    notes: v.notes,
    active: v.active,
    autoFinalize: v.autoFinalize,
    autoSend: v.autoFinalize && v.autoSend,
    lines: lines.map((l) => ({
      description: l.description,
      quantity: typed(l.quantity, lang, readQuantity).value,
      unit: l.unit,
      unitPrice: typed(l.unitPrice, lang, readPrice).value,
      taxRate: l.taxRate,
    })),
  };
}

function issuePaths(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.length ? issue.path.join('.') : '_'] ??= []).push(problemOf(issue));
  return out;
}

function typedErrors(lines: LineValues[], lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  lines.forEach((l, i) => {
    const quantity = typed(l.quantity, lang, readQuantity).problem;
    const unitPrice = typed(l.unitPrice, lang, readPrice).problem;
    if (quantity) out[`lines.${i}.quantity`] = [quantity];
    if (unitPrice) out[`lines.${i}.unitPrice`] = [unitPrice];
  });
  return out;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The form checked with the API's own schema, so the rules live once. */
export function toCreate(v: TemplateValues, lines: LineValues[], lang: Lang): Parsed<RecurringCreateInput> {
  const parsed = RecurringCreateInput.safeParse(body(v, lines, lang));
  const typedProblems = typedErrors(lines, lang);
  if (parsed.success && !Object.keys(typedProblems).length) return { ok: true, data: parsed.data };
  const errors = { ...(parsed.success ? {} : issuePaths(parsed.error)), ...typedProblems };
  if (!v.customerId) errors.customerId = [REQUIRED];
  return { ok: false, errors };
}

export function toUpdate(t: Recurring, v: TemplateValues, lines: LineValues[], lang: Lang): Parsed<RecurringUpdateInput> {
  const parsed = RecurringUpdateInput.safeParse({ id: t.id, version: t.version, ...body(v, lines, lang) });
  const typedProblems = typedErrors(lines, lang);
  if (parsed.success && !Object.keys(typedProblems).length) return { ok: true, data: parsed.data };
  return { ok: false, errors: { ...(parsed.success ? {} : issuePaths(parsed.error)), ...typedProblems } };
}

export function useInvalidateRecurring() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.invoices.recurring.pathKey() });
}
