import { z } from 'zod';
import { EINVOICE_FILE_FORMATS } from '../einvoice-out.ts';
import { INVOICE_STATUSES, INVOICE_TYPES, LANGUAGES, PAYMENT_METHODS, TAX_RATES, TIME_INVOICE_GROUPINGS } from '../enums.ts';
import { trimDecimal } from '../money.ts';
import { SkontoDays, SkontoPercent } from './skonto.ts';
import { cursorField, cursorMatchesSort, type KeyKind } from './cursor.ts';
import { date, Id, money, optionalDate, optionalText, Page, plainString, SortDirection, text, updateFields, Version } from './common.ts';

const decimalInput = z.union([z.string().trim(), z.number()]).transform((v) => (typeof v === 'number' ? String(v) : v.replace(',', '.')));

/** A line's quantity: greater than zero, up to four decimal places ("1.5", "0.3333"). */
export const Quantity = decimalInput.pipe(
  z
    .string()
    .refine((v) => /^\d{1,9}(\.\d{1,4})?$/.test(v), { error: 'must be a number with at most four decimal places' })
    .refine((v) => /[1-9]/.test(v), { error: 'must be greater than zero' })
    .transform((v) => v.replace(/^0+(?=\d)/, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')),
);

/**
 * A unit price in euros with up to four decimal places (EN 16931 allows more than two: its own
 * example prices a unit at 1.2605); negative for a discount line. Normalised to the places it
 * has, at least two: "95" → "95.00", "1.2650" → "1.265".
 */
export const UnitPrice = decimalInput.pipe(
  z
    .string()
    .refine((v) => /^-?\d{1,8}(\.\d{1,4})?$/.test(v), { error: 'must be an amount with at most four decimal places' })
    .transform((v) => trimDecimal(v, 2)),
);

export const TaxRateInput = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : v),
  z.union(TAX_RATES.map((r) => z.literal(r)) as unknown as [z.ZodLiteral<19>, z.ZodLiteral<7>, z.ZodLiteral<0>], { error: 'must be 19, 7 or 0 %' }),
);

/** A line item. Send `id` to keep an existing line (and the time entries it bills); lines left out are removed. */
export const LineInput = z.object({
  id: Id.optional(),
  description: text(2000),
  quantity: Quantity,
  unit: plainString().trim().min(1, { error: 'is required' }).max(20, { error: 'must be at most 20 characters' }).default('Stk.'),
  unitPrice: UnitPrice,
  taxRate: TaxRateInput.default(19),
  /** The article this line sells (inventory.articles.lineDefaults gives its description, unit, price and VAT rate). */
  articleId: Id.nullish(),
});
export type LineInput = z.infer<typeof LineInput>;

const documentFields = {
  customerId: Id,
  projectId: Id.nullish(),
  /** Who is responsible (gets the reminders); defaults to the person creating it. */
  responsibleId: Id.nullish(),
  /** The document's language; defaults to the customer's. */
  language: z.enum(LANGUAGES).optional(),
  /** Reverse charge (§13b UStG): no VAT, the customer owes it; needs the customer's VAT ID. */
  reverseCharge: z.boolean().default(false),
  serviceDate: optionalDate,
  servicePeriodFrom: optionalDate,
  servicePeriodTo: optionalDate,
  /** Days from the issue date to the due date; defaults to the company setting. */
  paymentTermsDays: z.int({ error: 'must be a whole number of days' }).min(0, { error: 'must not be negative' }).max(365, { error: 'must be at most 365 days' }).optional(),
  /** Skonto percent off (two places) when paid within `skontoDays` of the issue date; both or neither; defaults to the company setting, null = none. */
  skontoPercent: SkontoPercent.nullish(),
  skontoDays: SkontoDays.nullish(),
  /** Quotes: valid until (defaults to 30 days after finalizing). */
  validUntil: optionalDate,
  introText: optionalText(5000),
  /** Printed payment terms; a standard sentence from the due date when empty. */
  paymentTerms: optionalText(2000),
  footerText: optionalText(5000),
  /** Internal notes, never printed. */
  notes: optionalText(10_000),
  lines: z.array(LineInput).max(500, { error: 'at most 500 lines' }).default([]),
};

function periodInOrder(v: { servicePeriodFrom?: string | null; servicePeriodTo?: string | null }, ctx: z.RefinementCtx) {
  if (v.servicePeriodFrom && v.servicePeriodTo && v.servicePeriodTo < v.servicePeriodFrom) {
    ctx.addIssue({ code: 'custom', path: ['servicePeriodTo'], message: 'must not be before the start of the period' });
  }
  if (Boolean(v.servicePeriodFrom) !== Boolean(v.servicePeriodTo) && v.servicePeriodFrom !== undefined && v.servicePeriodTo !== undefined) {
    ctx.addIssue({ code: 'custom', path: [v.servicePeriodFrom ? 'servicePeriodTo' : 'servicePeriodFrom'], message: 'give both ends of the service period' });
  }
}

/**
 * A new draft. Totals are never taken from the client: unknown keys such as `grossTotal` are
 * dropped by the schema, and the server computes every amount from the lines.
 */
export const InvoiceCreateInput = z.object({ type: z.enum(['invoice', 'quote']).default('invoice'), ...documentFields }).superRefine(periodInOrder);
export type InvoiceCreateInput = z.infer<typeof InvoiceCreateInput>;

/** Changes a draft; fields left out stay. `lines`, when sent, replaces the whole list. */
export const InvoiceUpdateInput = z.object({ ...updateFields(documentFields), id: Id, version: Version }).superRefine(periodInOrder);
export type InvoiceUpdateInput = z.infer<typeof InvoiceUpdateInput>;

export const INVOICE_SORTS = ['number', 'issueDate', 'dueDate', 'grossTotal', 'customer', 'createdAt'] as const;
/** A document cursor's key per sort: the sort value, then the tie-breakers (by customer: the customer's id, then the document's). */
export const INVOICE_CURSOR_KEYS: Record<(typeof INVOICE_SORTS)[number], readonly KeyKind[]> = {
  number: ['text?', 'id'],
  issueDate: ['date?', 'id'],
  dueDate: ['date?', 'id'],
  grossTotal: ['decimal', 'id'],
  customer: ['text', 'id', 'id'],
  createdAt: ['instant', 'id'],
};
export const InvoiceListInput = Page.extend({
  search: plainString().trim().max(200).optional(),
  status: z.array(z.enum(INVOICE_STATUSES)).max(INVOICE_STATUSES.length).optional(),
  /**
   * One kind of document. Without it the list holds invoices and cancellation invoices: quotes
   * have their own list (`type: 'quote'`) and are no invoices, unless `includeQuotes` asks for all.
   */
  type: z.enum(INVOICE_TYPES).optional(),
  includeQuotes: z.boolean().default(false),
  customerId: Id.optional(),
  projectId: Id.optional(),
  /** Issue date range (drafts: the day they were created), both inclusive. */
  from: date.optional(),
  to: date.optional(),
  sort: z.enum(INVOICE_SORTS).default('createdAt'),
  direction: SortDirection.default('desc'),
  /** The previous page's `nextCursor`: the page after it, read from an index (page is then ignored). */
  cursor: cursorField(INVOICE_CURSOR_KEYS),
}).superRefine(cursorMatchesSort);
export type InvoiceListInput = z.infer<typeof InvoiceListInput>;

export const ByNumberInput = z.object({ number: plainString().trim().min(1, { error: 'is required' }).max(60) });

export const FinalizeInput = z.object({ id: Id, version: Version });
export type FinalizeInput = z.infer<typeof FinalizeInput>;

export const CancelInput = z.object({
  id: Id,
  reason: optionalText(2000),
  /** Also create a corrected copy of the original as a new draft (it takes over the billed time). */
  createCorrection: z.boolean().default(false),
});
export type CancelInput = z.infer<typeof CancelInput>;

export const MANUAL_STATUSES = ['sent', 'paid', 'accepted', 'rejected', 'expired'] as const;
export const SetStatusInput = z.object({ id: Id, status: z.enum(INVOICE_STATUSES) });
export type SetStatusInput = z.infer<typeof SetStatusInput>;
export const BulkSetStatusInput = z.object({
  ids: z.array(Id).min(1, { error: 'select at least one document' }).max(500, { error: 'at most 500 at once' }),
  status: z.enum(INVOICE_STATUSES),
});
export type BulkSetStatusInput = z.infer<typeof BulkSetStatusInput>;

/** Recalculate the totals of the given drafts, or of every draft when no ids are given (in the worker). */
export const RecalculateInput = z.object({ ids: z.array(Id).max(500).optional() }).default({});

export const StatisticsInput = z.object({ year: z.int().min(2000).max(2100).optional(), customerId: Id.optional() }).default({});

export const CreateFromTimeEntriesInput = z
  .object({
    projectId: Id,
    /** First day to bill; left out, there is no lower bound: all unbilled time is billed, however old. */
    from: date.optional(),
    /** Last day to bill; left out, today (Europe/Berlin). */
    to: date.optional(),
    /** Bill exactly these entries instead of a date range. */
    entryIds: z.array(Id).min(1, { error: 'select at least one entry' }).max(5000).optional(),
    groupBy: z.enum(TIME_INVOICE_GROUPINGS).default('entry'),
    /** Only entries an approver has approved. */
    onlyApproved: z.boolean().default(false),
    /** Also bill the project's billable, unbilled expenses dated in the range (one line each, at their net amount and rate). */
    includeExpenses: z.boolean().default(false),
    taxRate: TaxRateInput.default(19),
  })
  .superRefine((v, ctx) => {
    if (v.entryIds && (v.from || v.to)) ctx.addIssue({ code: 'custom', path: ['entryIds'], message: 'give either a date range or entry ids, not both' });
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the start of the range' });
  });
export type CreateFromTimeEntriesInput = z.infer<typeof CreateFromTimeEntriesInput>;

export const ConvertQuoteInput = z.object({ id: Id });

export const PaymentAddInput = z.object({
  invoiceId: Id,
  amount: money().refine((v) => v !== '0.00', { error: 'must be greater than zero' }),
  paymentDate: date,
  method: z.enum(PAYMENT_METHODS).default('bank_transfer'),
  reference: optionalText(200),
  notes: optionalText(2000),
});
export type PaymentAddInput = z.infer<typeof PaymentAddInput>;

export const PaymentUpdateInput = z.object({
  id: Id,
  version: Version,
  ...updateFields({
    amount: money().refine((v) => v !== '0.00', { error: 'must be greater than zero' }),
    paymentDate: date,
    method: z.enum(PAYMENT_METHODS),
    reference: optionalText(200),
    notes: optionalText(2000),
  }),
});
export type PaymentUpdateInput = z.infer<typeof PaymentUpdateInput>;

export const PaymentListInput = z.object({ invoiceId: Id });

/**
 * Money paid back to the customer for an invoice (Erstattung): at most what the customer has
 * overpaid on it (paid + Skonto granted − what is due after credit notes); the service checks that.
 * Same date rule and methods as a payment.
 */
export const RefundRecordInput = z.object({
  invoiceId: Id,
  amount: money().refine((v) => v !== '0.00', { error: 'must be greater than zero' }),
  refundDate: date,
  method: z.enum(PAYMENT_METHODS).default('bank_transfer'),
  reference: optionalText(200),
  notes: optionalText(2000),
});
export type RefundRecordInput = z.infer<typeof RefundRecordInput>;

export const PdfInput = z.object({ id: Id });
/** An archived e-invoice file: XRechnung CII or UBL XML, or the ZUGFeRD / Factur-X PDF. */
export const EInvoiceDownloadInput = z.object({ id: Id, format: z.enum(EINVOICE_FILE_FORMATS) });
export type EInvoiceDownloadInput = z.infer<typeof EInvoiceDownloadInput>;
