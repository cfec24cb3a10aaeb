import { closeYear, fiscalYear, lockPeriod } from '@workmate/db/bookkeeping/periods';
import { FiscalYearInput, PeriodLockInput } from '@workmate/domain/schemas/bookkeeping-periods';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('bookkeeping.read');
const manage = permissionProcedure('bookkeeping.manage');

/** Month locks (Festschreibung): list a year's months, lock one for good. */
export const periodsRouter = router({
  list: read.input(FiscalYearInput).query(({ ctx, input }) => fiscalYear(ctx.em, input)),
  lock: manage.input(PeriodLockInput).mutation(({ ctx, input }) => lockPeriod(ctx.em, ctx.user, input)),
});

/** Year-end close: once all 12 months are locked, carry the balances into the next year. */
export const yearsRouter = router({
  close: manage.input(FiscalYearInput).mutation(({ ctx, input }) => closeYear(ctx.em, ctx.user, input)),
});
