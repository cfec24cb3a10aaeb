import { createExpense, deleteExpense, getExpense, listExpenses, reimburseExpense, updateExpense } from '@workmate/db/finance/expenses';
import { expenseKpis } from '@workmate/db/finance/kpis';
import { hasPermission } from '@workmate/domain/permissions';
import { IdInput } from '@workmate/domain/schemas/common';
import { ExpenseCreateInput, ExpenseKpisInput, ExpenseListInput, ExpenseUpdateInput, ReimburseInput } from '@workmate/domain/schemas/expenses';
import { lacksPermission, authedProcedure, permissionProcedure, router } from '../../trpc.ts';

/** Reading: everything with finance.read; one's own expenses with finance.write (scoped in the service). */
const read = authedProcedure.use(({ ctx, next }) => {
  if (!hasPermission(ctx.user.permissions, 'finance.read') && !hasPermission(ctx.user.permissions, 'finance.write')) {
    throw lacksPermission('finance.read');
  }
  return next();
});
const write = permissionProcedure('finance.write');
const manage = permissionProcedure('finance.manage');

export const financeRouter = router({
  expenses: router({
    list: read.input(ExpenseListInput).query(({ ctx, input }) => listExpenses(ctx.em, ctx.user, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getExpense(ctx.em, ctx.user, input.id)),
    create: write.input(ExpenseCreateInput).mutation(({ ctx, input }) => createExpense(ctx.em, ctx.user, input)),
    update: write.input(ExpenseUpdateInput).mutation(({ ctx, input }) => updateExpense(ctx.em, ctx.user, input)),
    delete: write.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteExpense(ctx.em, ctx.user, input.id);
      return { ok: true };
    }),
    reimburse: manage.input(ReimburseInput).mutation(({ ctx, input }) => reimburseExpense(ctx.em, ctx.user, input)),
    kpis: read.input(ExpenseKpisInput).query(({ ctx, input }) => expenseKpis(ctx.em, ctx.user, input)),
  }),
});
