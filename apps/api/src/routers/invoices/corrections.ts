import { createCreditNote } from '@workmate/db/invoices/credit-notes';
import { createDeposit, createFinalInvoice, listDeposits } from '@workmate/db/invoices/deposits';
import { CreditNoteCreateInput, DepositCreateInput, DepositListInput, FinalInvoiceCreateInput } from '@workmate/domain/schemas/invoice-corrections';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('invoices.read');
const write = permissionProcedure('invoices.write');

/**
 * Credit notes (Rechnungskorrekturen) and deposit / final invoices. Each creates a draft
 * (invoices.write); finalizing it is the usual invoices.finalize.
 */
export const creditNotesRouter = router({
  create: write.input(CreditNoteCreateInput).mutation(({ ctx, input }) => createCreditNote(ctx.em, ctx.user, input)),
});

export const depositsRouter = router({
  create: write.input(DepositCreateInput).mutation(({ ctx, input }) => createDeposit(ctx.em, ctx.user, input)),
  /** The deposits of a quote or project, each with the final invoice that deducts it. */
  list: read.input(DepositListInput).query(({ ctx, input }) => listDeposits(ctx.em, input)),
});

export const finalInvoicesRouter = router({
  create: write.input(FinalInvoiceCreateInput).mutation(({ ctx, input }) => createFinalInvoice(ctx.em, ctx.user, input)),
});
