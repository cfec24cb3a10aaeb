import { completeReminder, createReminder, deleteReminder, getReminder, listReminders, updateReminder } from '@workmate/db/reminders/reminders';
import { IdInput } from '@workmate/domain/schemas/common';
import { ReminderCreateInput, ReminderListInput, ReminderUpdateInput } from '@workmate/domain/schemas/reminders';
import { authedProcedure, router } from '../../trpc.ts';

/**
 * Reminders are personal: every signed-in person manages their own (others' are NOT_FOUND);
 * `reminders.manage` also reaches everyone's (checked in the service).
 */
export const remindersRouter = router({
  list: authedProcedure.input(ReminderListInput).query(({ ctx, input }) => listReminders(ctx.em, ctx.user, input)),
  get: authedProcedure.input(IdInput).query(({ ctx, input }) => getReminder(ctx.em, ctx.user, input.id)),
  create: authedProcedure.input(ReminderCreateInput).mutation(({ ctx, input }) => createReminder(ctx.em, ctx.user, input)),
  update: authedProcedure.input(ReminderUpdateInput).mutation(({ ctx, input }) => updateReminder(ctx.em, ctx.user, input)),
  delete: authedProcedure.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteReminder(ctx.em, ctx.user, input.id);
    return { ok: true };
  }),
  complete: authedProcedure.input(IdInput).mutation(({ ctx, input }) => completeReminder(ctx.em, ctx.user, input.id)),
});
