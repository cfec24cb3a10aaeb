import { invoiceSendOptions, requestInvoiceSend } from '@workmate/db/invoices/send';
import { IdInput } from '@workmate/domain/schemas/common';
import { InvoiceSendInput } from '@workmate/domain/schemas/invoice-send';
import { permissionProcedure } from '../../trpc.ts';

/**
 * Sending a document by email (issue 14): the request is recorded with its job and the worker
 * sends it. Emailing a document is sending it, so it needs what marking it sent needs.
 * SMTP_URL on the API only tells whether sending is set up; the worker's does the sending.
 */
export const sendProcedures = {
  send: permissionProcedure('invoices.finalize')
    .input(InvoiceSendInput)
    .mutation(({ ctx, input }) => requestInvoiceSend(ctx.em, ctx.user, input, { smtpConfigured: Boolean(ctx.deps.env.SMTP_URL) })),
  /** What the send dialog starts from; says whether sending is set up before anyone tries. */
  sendOptions: permissionProcedure('invoices.read')
    .input(IdInput)
    .query(({ ctx, input }) => invoiceSendOptions(ctx.em, input.id, { smtpConfigured: Boolean(ctx.deps.env.SMTP_URL) })),
};
