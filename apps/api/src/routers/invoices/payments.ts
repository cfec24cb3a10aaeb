import { addPayment, deletePayment, updatePayment } from '@workmate/db/invoices/payments';
import { listPayments } from '@workmate/db/invoices/queries';
import { IdInput } from '@workmate/domain/schemas/common';
import { PaymentAddInput, PaymentListInput, PaymentUpdateInput } from '@workmate/domain/schemas/invoices';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('invoices.read');
const pay = permissionProcedure('invoices.payments');

/** invoices.payments.*: money received; each change moves the invoice's status (partially paid, paid, and back). */
export const paymentsRouter = router({
  list: read.input(PaymentListInput).query(({ ctx, input }) => listPayments(ctx.em, input.invoiceId)),
  add: pay.input(PaymentAddInput).mutation(({ ctx, input }) => addPayment(ctx.em, ctx.user, input)),
  update: pay.input(PaymentUpdateInput).mutation(({ ctx, input }) => updatePayment(ctx.em, input)),
  delete: pay.input(IdInput).mutation(async ({ ctx, input }) => {
    await deletePayment(ctx.em, input.id);
    return { ok: true };
  }),
});
