import { z } from 'zod';
import { LANGUAGES } from '../enums.ts';
import { RECURRING_INTERVALS } from '../recurring-periods.ts';
import { date, Id, optionalDate, optionalText, Page, plainString, text, updateFields, Version } from './common.ts';
import { LineInput } from './invoices.ts';

/** A template's line: the same shape and rules as a draft invoice's line (no id: lines are copied onto each invoice). */
export const RecurringLineInput = LineInput.omit({ id: true });
export type RecurringLineInput = z.infer<typeof RecurringLineInput>;

const templateFields = {
  /** A short name for the list ("Wartungsvertrag Müller"); never printed. */
  name: text(200),
  customerId: Id,
  interval: z.enum(RECURRING_INTERVALS),
  /** The first period begins here; later periods keep its day of the month (clamped at month ends). */
  startDate: date,
  /** No period starts after this day; open-ended without it. */
  endDate: optionalDate,
  /** Days from the issue date to the due date; the company setting without it. */
  paymentTermsDays: z.int({ error: 'must be a whole number of days' }).min(0, { error: 'must not be negative' }).max(365, { error: 'must be at most 365 days' }).nullish(),
  /** The invoices' language; the customer's without it. */
  language: z.enum(LANGUAGES).nullish(),
  introText: optionalText(5000),
  footerText: optionalText(5000),
  /** Internal notes, copied onto each draft, never printed. */
  notes: optionalText(10_000),
  lines: z.array(RecurringLineInput).min(1, { error: 'Add at least one line item' }).max(500, { error: 'at most 500 lines' }),
  /** Paused templates create nothing; resuming does not bill the periods missed while paused. */
  active: z.boolean().default(true),
  /** Finalize each invoice when it is created (numbered, PDF archived); otherwise it stays a draft to check. */
  autoFinalize: z.boolean().default(false),
  /** Email each finalized invoice to the customer (needs autoFinalize, and SMTP on the worker). */
  autoSend: z.boolean().default(false),
};

function rules(v: { startDate?: string | undefined; endDate?: string | null | undefined; autoFinalize?: boolean | undefined; autoSend?: boolean | undefined }, ctx: z.RefinementCtx) {
  if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
  if (v.autoSend === true && v.autoFinalize === false) ctx.addIssue({ code: 'custom', path: ['autoSend'], message: 'sending automatically needs finalizing automatically' });
}

export const RecurringCreateInput = z.object(templateFields).superRefine(rules);
export type RecurringCreateInput = z.infer<typeof RecurringCreateInput>;

/** Fields left out stay; `lines`, when sent, replaces the whole list. */
export const RecurringUpdateInput = z.object({ ...updateFields(templateFields), id: Id, version: Version }).superRefine(rules);
export type RecurringUpdateInput = z.infer<typeof RecurringUpdateInput>;

export const RecurringListInput = Page.extend({
  search: plainString().trim().max(200).optional(),
  customerId: Id.optional(),
  active: z.boolean().optional(),
});
export type RecurringListInput = z.infer<typeof RecurringListInput>;

/** The invoices a template created, newest period first. */
export const RecurringInvoicesInput = Page.extend({ id: Id });
export type RecurringInvoicesInput = z.infer<typeof RecurringInvoicesInput>;
