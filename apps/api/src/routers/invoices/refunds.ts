import { deleteRefund, listRefunds, recordRefund } from '@workmate/db/invoices/refunds';
import { IdInput } from '@workmate/domain/schemas/common';
import { PaymentListInput, RefundRecordInput } from '@workmate/domain/schemas/invoices';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('invoices.read');
// Paying money back is the other side of recording money received: the same permission.
const pay = permissionProcedure('invoices.payments');

/** invoices.refunds.*: money paid back to the customer for an overpaid invoice (Erstattung). */
export const refundsRouter = router({
  list: read.input(PaymentListInput).query(({ ctx, input }) => listRefunds(ctx.em, input.invoiceId)),
  record: pay.input(RefundRecordInput).mutation(({ ctx, input }) => recordRefund(ctx.em, ctx.user, input)),
  delete: pay.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteRefund(ctx.em, input.id);
    return { ok: true };
  }),
});
