import { createDashboard, deleteDashboard, getDashboard, listDashboards, updateDashboard } from '@workmate/db/dashboards/dashboards';
import { dashboardKpis } from '@workmate/db/dashboards/kpis';
import { IdInput } from '@workmate/domain/schemas/common';
import { DashboardCreateInput, DashboardUpdateInput } from '@workmate/domain/schemas/dashboards';
import { authedProcedure, router } from '../../trpc.ts';

/**
 * Everyone has their own dashboards (others' are NOT_FOUND). The KPIs show each section only to
 * those who may see it: money with invoices.read, expenses with finance.read, everyone's time
 * with timeTracking.readAll (otherwise one's own).
 */
export const dashboardsRouter = router({
  list: authedProcedure.query(({ ctx }) => listDashboards(ctx.em, ctx.user)),
  get: authedProcedure.input(IdInput).query(({ ctx, input }) => getDashboard(ctx.em, ctx.user, input.id)),
  create: authedProcedure.input(DashboardCreateInput).mutation(({ ctx, input }) => createDashboard(ctx.em, ctx.user, input)),
  update: authedProcedure.input(DashboardUpdateInput).mutation(({ ctx, input }) => updateDashboard(ctx.em, ctx.user, input)),
  delete: authedProcedure.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteDashboard(ctx.em, ctx.user, input.id);
    return { ok: true };
  }),
  kpis: authedProcedure.query(({ ctx }) => dashboardKpis(ctx.em, ctx.user)),
});
