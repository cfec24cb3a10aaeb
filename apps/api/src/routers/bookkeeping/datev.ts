import { datevExport } from '@workmate/db/bookkeeping/datev';
import { DatevExportInput } from '@workmate/domain/schemas/bookkeeping-datev';
import { permissionProcedure } from '../../trpc.ts';

/** DATEV export (EXTF Buchungsstapel + Debitoren/Kreditoren) for the tax adviser; audited. */
export const datevExportProcedure = permissionProcedure('bookkeeping.read')
  .input(DatevExportInput)
  .mutation(({ ctx, input }) => datevExport(ctx.em, ctx.user, input));
