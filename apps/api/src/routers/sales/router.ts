import { salesForecast } from '@workmate/db/sales/forecast';
import { createOpportunity, createQuoteFromOpportunity, getOpportunity, listOpportunities, moveOpportunity, updateOpportunity } from '@workmate/db/sales/opportunities';
import { IdInput } from '@workmate/domain/schemas/common';
import { ForecastInput, OpportunityCreateInput, OpportunityListInput, OpportunityMoveInput, OpportunityUpdateInput } from '@workmate/domain/schemas/sales';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('sales.read');
const write = permissionProcedure('sales.write');

/** The sales pipeline (issue 18): opportunities on a board of stages, the weighted forecast, and a quote of a won one. */
export const salesRouter = router({
  opportunities: router({
    list: read.input(OpportunityListInput).query(({ ctx, input }) => listOpportunities(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getOpportunity(ctx.em, input.id)),
    create: write.input(OpportunityCreateInput).mutation(({ ctx, input }) => createOpportunity(ctx.em, ctx.user, input)),
    update: write.input(OpportunityUpdateInput).mutation(({ ctx, input }) => updateOpportunity(ctx.em, input)),
    move: write.input(OpportunityMoveInput).mutation(({ ctx, input }) => moveOpportunity(ctx.em, input)),
    /** A won opportunity becomes a quote draft (needs invoices.write too). */
    createQuote: write.input(IdInput).mutation(({ ctx, input }) => createQuoteFromOpportunity(ctx.em, ctx.user, input.id)),
  }),
  forecast: read.input(ForecastInput).query(({ ctx, input }) => salesForecast(ctx.em, input)),
});
