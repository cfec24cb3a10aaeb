/**
 * Inputs for credit notes (Rechnungskorrekturen) and deposit / final invoices. The arithmetic
 * they lead to lives in credit-notes.ts and deposits.ts.
 */
import { z } from 'zod';
import { Id, money, optionalDate, optionalText, plainString } from './common.ts';
import { LineInput } from './invoices.ts';

/**
 * A credit note against a finalized invoice. Lines are what is taken back, with positive
 * quantities and prices: the credit note stores them negated against the original.
 */
export const CreditNoteCreateInput = z.object({
  invoiceId: Id,
  reason: optionalText(2000),
  lines: z.array(LineInput.omit({ id: true })).min(1, { error: 'add at least one line' }).max(500, { error: 'at most 500 lines' }),
});
export type CreditNoteCreateInput = z.infer<typeof CreditNoteCreateInput>;

/** Percent with up to two decimal places, more than 0 and at most 100. */
export const Percent = z
  .union([z.string().trim(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.replace(',', '.')))
  .pipe(
    plainString()
      .refine((v) => /^\d{1,3}(\.\d{1,2})?$/.test(v), { error: 'must be a percentage with at most two decimal places' })
      .refine((v) => /[1-9]/.test(v) && Number(v) <= 100, { error: 'must be more than 0 and at most 100' }),
  );

const basis = {
  /** The quote the deposit or final invoice bills against (its project, if it has one, too). */
  quoteId: Id.optional(),
  /** Or a project (without a quote). */
  projectId: Id.optional(),
};

function oneBasis(v: { quoteId?: string | undefined; projectId?: string | undefined }, ctx: z.RefinementCtx) {
  if (!v.quoteId && !v.projectId) ctx.addIssue({ code: 'custom', path: ['quoteId'], message: 'choose a quote or a project' });
}

/**
 * A deposit invoice: a share of a quote (percent of its net, or a net amount) split over the
 * quote's VAT rates, or a net amount against a project at one rate.
 */
export const DepositCreateInput = z
  .object({
    ...basis,
    percent: Percent.optional(),
    netAmount: money().optional(),
    taxRate: z.union([z.literal(19), z.literal(7), z.literal(0)], { error: 'must be 19, 7 or 0 %' }).default(19),
    description: optionalText(500),
    /** The (planned) date or period of the service; by default the quote's. */
    serviceDate: optionalDate,
    servicePeriodFrom: optionalDate,
    servicePeriodTo: optionalDate,
  })
  .superRefine((v, ctx) => {
    oneBasis(v, ctx);
    if ((v.percent === undefined) === (v.netAmount === undefined)) ctx.addIssue({ code: 'custom', path: ['netAmount'], message: 'give either a percentage or a net amount' });
    if (v.percent !== undefined && !v.quoteId) ctx.addIssue({ code: 'custom', path: ['percent'], message: 'a percentage needs a quote' });
    if (v.netAmount !== undefined && !/[1-9]/.test(v.netAmount)) ctx.addIssue({ code: 'custom', path: ['netAmount'], message: 'must be greater than zero' });
  });
export type DepositCreateInput = z.infer<typeof DepositCreateInput>;

/**
 * A final invoice: the quote's lines (or none, for a project) with the deposits deducted:
 * the ones chosen, or every finalized one not yet deducted.
 */
export const FinalInvoiceCreateInput = z
  .object({ ...basis, depositIds: z.array(Id).max(500, { error: 'at most 500 lines' }).optional() })
  .superRefine(oneBasis);
export type FinalInvoiceCreateInput = z.infer<typeof FinalInvoiceCreateInput>;

/** The deposits a final invoice would deduct (for the page that offers it). */
export const DepositListInput = z.object(basis).superRefine(oneBasis);
export type DepositListInput = z.infer<typeof DepositListInput>;
