import { accountLedgerCsv, balanceSheetCsv, profitAndLossCsv, trialBalanceCsv, vatReturnCsv } from '@workmate/db/bookkeeping/reports-csv';
import { accountLedger, balanceSheet, profitAndLoss, trialBalance } from '@workmate/db/bookkeeping/reports';
import { vatReturn } from '@workmate/db/bookkeeping/ustva';
import { AccountLedgerInput, BalanceSheetInput, ReportRangeInput, VatReturnInput } from '@workmate/domain/schemas/bookkeeping-reports';
import { permissionProcedure, router } from '../../trpc.ts';
import { reportPdfRouter } from './report-pdf.ts';

const read = permissionProcedure('bookkeeping.read');

/** The bookkeeping reports (issue 16), each also as a CSV file and (through `pdf`) as a PDF. Read-only: bookkeeping.read. */
export const reportsRouter = router({
  trialBalance: read.input(ReportRangeInput).query(({ ctx, input }) => trialBalance(ctx.em, input)),
  trialBalanceCsv: read.input(ReportRangeInput).query(({ ctx, input }) => trialBalanceCsv(ctx.em, input)),
  accountLedger: read.input(AccountLedgerInput).query(({ ctx, input }) => accountLedger(ctx.em, input)),
  accountLedgerCsv: read.input(AccountLedgerInput).query(({ ctx, input }) => accountLedgerCsv(ctx.em, input)),
  profitAndLoss: read.input(ReportRangeInput).query(({ ctx, input }) => profitAndLoss(ctx.em, input)),
  profitAndLossCsv: read.input(ReportRangeInput).query(({ ctx, input }) => profitAndLossCsv(ctx.em, input)),
  balanceSheet: read.input(BalanceSheetInput).query(({ ctx, input }) => balanceSheet(ctx.em, input)),
  balanceSheetCsv: read.input(BalanceSheetInput).query(({ ctx, input }) => balanceSheetCsv(ctx.em, input)),
  vatReturn: read.input(VatReturnInput).query(({ ctx, input }) => vatReturn(ctx.em, input)),
  vatReturnCsv: read.input(VatReturnInput).query(({ ctx, input }) => vatReturnCsv(ctx.em, input)),
  pdf: reportPdfRouter,
});
