import { listAccounts } from '@workmate/db/bookkeeping/chart';
import { getJournalEntry, listJournal, postManualEntry, reverseJournalEntry } from '@workmate/db/bookkeeping/journal';
import { IdInput } from '@workmate/domain/schemas/common';
import { listCostCentres, setCostCentreBudget } from '@workmate/db/bookkeeping/cost-centres';
import { listOpenItems } from '@workmate/db/bookkeeping/open-items';
import { openItemsCsv } from '@workmate/db/bookkeeping/reports-csv';
import { AccountListInput, CostCentreBudgetInput, CostCentreListInput, JournalListInput, ManualEntryInput, OpenItemListInput, ReverseEntryInput } from '@workmate/domain/schemas/bookkeeping';
import { permissionProcedure, router } from '../../trpc.ts';
import { datevExportProcedure } from './datev.ts';
import { periodsRouter, yearsRouter } from './periods.ts';
import { reportsRouter } from './reports.ts';

const read = permissionProcedure('bookkeeping.read');
const post = permissionProcedure('bookkeeping.post');
const manage = permissionProcedure('bookkeeping.manage');

/**
 * Bookkeeping (FiBu, issue 16): the chart of accounts, the journal (automatic postings of
 * invoices, payments, expenses and supplier invoices, plus manual entries and reversals).
 */
export const bookkeepingRouter = router({
  accounts: router({
    list: read.input(AccountListInput).query(({ ctx, input }) => listAccounts(ctx.em, input)),
  }),
  journal: router({
    list: read.input(JournalListInput).query(({ ctx, input }) => listJournal(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getJournalEntry(ctx.em, input.id)),
    post: post.input(ManualEntryInput).mutation(({ ctx, input }) => postManualEntry(ctx.em, ctx.user, input)),
    reverse: post.input(ReverseEntryInput).mutation(({ ctx, input }) => reverseJournalEntry(ctx.em, ctx.user, input)),
  }),
  /** Open items per customer (debtors) or supplier (creditors), reconciled with their personal accounts. */
  openItems: router({
    list: read.input(OpenItemListInput).query(({ ctx, input }) => listOpenItems(ctx.em, input)),
    csv: read.input(OpenItemListInput).query(({ ctx, input }) => openItemsCsv(ctx.em, input)),
  }),
  /** Cost centres (one per project, opened with its first posting) with budgets per year and consumption. */
  costCentres: router({
    list: read.input(CostCentreListInput).query(({ ctx, input }) => listCostCentres(ctx.em, input)),
    budget: manage.input(CostCentreBudgetInput).mutation(({ ctx, input }) => setCostCentreBudget(ctx.em, ctx.user, input)),
  }),
  reports: reportsRouter,
  periods: periodsRouter,
  years: yearsRouter,
  datevExport: datevExportProcedure,
});
