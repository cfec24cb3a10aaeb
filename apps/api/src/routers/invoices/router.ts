import { cancelInvoice } from '@workmate/db/invoices/cancel';
import { createInvoice, deleteInvoice, recalculateDrafts, updateInvoice } from '@workmate/db/invoices/drafts';
import { finalizeInvoice, markSent } from '@workmate/db/invoices/finalize';
import { createFromTimeEntries, previewFromTimeEntries } from '@workmate/db/invoices/from-time';
import { getInvoice, getInvoiceByNumber, listInvoices } from '@workmate/db/invoices/queries';
import { convertQuote } from '@workmate/db/invoices/quotes';
import { invoiceStatistics } from '@workmate/db/invoices/statistics';
import { bulkSetStatus, setStatus } from '@workmate/db/invoices/status';
import { enqueue } from '@workmate/db/outbox/outbox';
import { JOBS } from '@workmate/domain/jobs';
import { IdInput } from '@workmate/domain/schemas/common';
import {
  BulkSetStatusInput,
  ByNumberInput,
  CancelInput,
  ConvertQuoteInput,
  CreateFromTimeEntriesInput,
  FinalizeInput,
  InvoiceCreateInput,
  InvoiceListInput,
  InvoiceUpdateInput,
  EInvoiceDownloadInput,
  PdfInput,
  RecalculateInput,
  SetStatusInput,
  StatisticsInput,
} from '@workmate/domain/schemas/invoices';
import { permissionProcedure, router } from '../../trpc.ts';
import { creditNotesRouter, depositsRouter, finalInvoicesRouter } from './corrections.ts';
import { paymentsRouter } from './payments.ts';
import { refundsRouter } from './refunds.ts';
import { einvoiceFor } from './einvoice.ts';
import { pdfFor } from './pdf.ts';
import { recurringRouter } from './recurring.ts';
import { sendProcedures } from './send.ts';

const read = permissionProcedure('invoices.read');
const write = permissionProcedure('invoices.write');
const finalize = permissionProcedure('invoices.finalize');
const cancel = permissionProcedure('invoices.cancel');
const remove = permissionProcedure('invoices.delete');

/** Invoices, quotes and cancellation invoices: drafts, the GoBD lifecycle, payments, PDFs and figures. */
export const invoicesRouter = router({
  list: read.input(InvoiceListInput).query(({ ctx, input }) => listInvoices(ctx.em, input)),
  get: read.input(IdInput).query(({ ctx, input }) => getInvoice(ctx.em, input.id)),
  byNumber: read.input(ByNumberInput).query(({ ctx, input }) => getInvoiceByNumber(ctx.em, input.number)),
  create: write.input(InvoiceCreateInput).mutation(({ ctx, input }) => createInvoice(ctx.em, ctx.user, input)),
  update: write.input(InvoiceUpdateInput).mutation(({ ctx, input }) => updateInvoice(ctx.em, input)),
  delete: remove.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteInvoice(ctx.em, input.id);
    return { ok: true };
  }),
  finalize: finalize.input(FinalizeInput).mutation(({ ctx, input }) => finalizeInvoice(ctx.em, input)),
  markSent: finalize.input(IdInput).mutation(({ ctx, input }) => markSent(ctx.em, input.id)),
  cancel: cancel.input(CancelInput).mutation(({ ctx, input }) => cancelInvoice(ctx.em, ctx.user, input)),
  setStatus: finalize.input(SetStatusInput).mutation(({ ctx, input }) => setStatus(ctx.em, ctx.user, input)),
  bulkSetStatus: finalize.input(BulkSetStatusInput).mutation(({ ctx, input }) => bulkSetStatus(ctx.em, ctx.user, input)),
  /** With ids: those drafts now. Without: every draft, in the worker (returns the job id). */
  recalculate: write.input(RecalculateInput).mutation(async ({ ctx, input }) => {
    if (input.ids?.length) return { queued: false as const, ...(await recalculateDrafts(ctx.em, input.ids)) };
    const jobId = await ctx.em.transactional(async (tx) => {
      const id = enqueue(tx, JOBS.recalculateTotals, {});
      await tx.flush();
      return id;
    });
    return { queued: true as const, jobId };
  }),
  statistics: read.input(StatisticsInput).query(({ ctx, input }) => invoiceStatistics(ctx.em, input)),
  /** Without a range: all unbilled billable time up to today (Berlin). Lines of 0 h are never created. */
  createFromTimeEntries: write.input(CreateFromTimeEntriesInput).mutation(({ ctx, input }) => createFromTimeEntries(ctx.em, ctx.user, input)),
  /** What createFromTimeEntries with the same input would bill: lines, hours and amounts; creates nothing. */
  previewFromTimeEntries: write.input(CreateFromTimeEntriesInput).query(({ ctx, input }) => previewFromTimeEntries(ctx.em, input)),
  convertQuote: write.input(ConvertQuoteInput).mutation(({ ctx, input }) => convertQuote(ctx.em, ctx.user, input.id)),
  pdf: read.input(PdfInput).query(({ ctx, input }) => pdfFor(ctx.em, ctx.deps, input.id)),
  /** The archived e-invoice: XRechnung CII / UBL XML or the ZUGFeRD (Factur-X) PDF, with its sha256. */
  einvoice: read.input(EInvoiceDownloadInput).query(({ ctx, input }) => einvoiceFor(ctx.em, ctx.deps, input.id, input.format)),
  payments: paymentsRouter,
  refunds: refundsRouter,
  recurring: recurringRouter,
  creditNotes: creditNotesRouter,
  deposits: depositsRouter,
  final: finalInvoicesRouter,
  ...sendProcedures,
});
