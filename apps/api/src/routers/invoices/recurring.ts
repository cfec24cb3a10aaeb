import { listRecurringInvoices } from '@workmate/db/recurring/periods';
import { createRecurring, deleteRecurring, getRecurring, listRecurring, setRecurringActive, updateRecurring } from '@workmate/db/recurring/templates';
import { IdInput } from '@workmate/domain/schemas/common';
import { RecurringCreateInput, RecurringInvoicesInput, RecurringListInput, RecurringUpdateInput } from '@workmate/domain/schemas/recurring';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('invoices.read');
const write = permissionProcedure('invoices.write');

/**
 * Recurring invoices (issue 15): templates the worker turns into one invoice per period.
 * Reading needs invoices.read, managing invoices.write; a template that finalizes or sends by
 * itself also needs invoices.finalize (checked in the service, for the fields that ask for it).
 */
export const recurringRouter = router({
  list: read.input(RecurringListInput).query(({ ctx, input }) => listRecurring(ctx.em, input)),
  get: read.input(IdInput).query(({ ctx, input }) => getRecurring(ctx.em, input.id)),
  /** The invoices a template made, one per billed period, newest first. */
  invoices: read.input(RecurringInvoicesInput).query(({ ctx, input }) => listRecurringInvoices(ctx.em, input)),
  create: write.input(RecurringCreateInput).mutation(({ ctx, input }) => createRecurring(ctx.em, ctx.user, input)),
  update: write.input(RecurringUpdateInput).mutation(({ ctx, input }) => updateRecurring(ctx.em, ctx.user, input)),
  pause: write.input(IdInput).mutation(({ ctx, input }) => setRecurringActive(ctx.em, ctx.user, input.id, false)),
  /** Continues with the first period that starts today or later; periods that started while paused are not billed. */
  resume: write.input(IdInput).mutation(({ ctx, input }) => setRecurringActive(ctx.em, ctx.user, input.id, true)),
  /** The template goes; the invoices it made stay. */
  delete: write.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteRecurring(ctx.em, input.id);
    return { ok: true };
  }),
});
