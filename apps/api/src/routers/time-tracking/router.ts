import { lockPeriod, setApproval } from '@workmate/db/time-tracking/approval';
import { createEntry, deleteEntry, startTimer, stopTimer, updateEntry } from '@workmate/db/time-tracking/entries';
import { currentTimer, getEntry, listEntries } from '@workmate/db/time-tracking/queries';
import { exportCsv, summary } from '@workmate/db/time-tracking/reports';
import { IdInput } from '@workmate/domain/schemas/common';
import {
  ApproveInput,
  EntryCreateInput,
  EntryListInput,
  EntryUpdateInput,
  ExportCsvInput,
  LockPeriodInput,
  SummaryInput,
  TimerStartInput,
  TimerStopInput,
} from '@workmate/domain/schemas/time-tracking';
import { permissionProcedure, router } from '../../trpc.ts';

/** Reading is scoped inside the services: own entries, managed projects, the department (team), or all (readAll). */
const read = permissionProcedure('timeTracking.read');
const track = permissionProcedure('timeTracking.track');
const lock = permissionProcedure('timeTracking.lock');

export const timeTrackingRouter = router({
  entries: router({
    list: read.input(EntryListInput).query(({ ctx, input }) => listEntries(ctx.em, ctx.user, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getEntry(ctx.em, ctx.user, input.id)),
    create: track.input(EntryCreateInput).mutation(({ ctx, input }) => createEntry(ctx.em, ctx.user, input)),
    update: track.input(EntryUpdateInput).mutation(({ ctx, input }) => updateEntry(ctx.em, ctx.user, input)),
    delete: track.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteEntry(ctx.em, ctx.user, input.id);
      return { ok: true };
    }),
  }),
  start: track.input(TimerStartInput).mutation(({ ctx, input }) => startTimer(ctx.em, ctx.user, input)),
  stop: track.input(TimerStopInput).mutation(({ ctx, input }) => stopTimer(ctx.em, ctx.user, input)),
  current: read.query(({ ctx }) => currentTimer(ctx.em, ctx.user)),
  // A project's manager approves its entries; `timeTracking.approve` approves any (checked per entry).
  approve: track.input(ApproveInput).mutation(({ ctx, input }) => setApproval(ctx.em, ctx.user, input, true)),
  unapprove: track.input(ApproveInput).mutation(({ ctx, input }) => setApproval(ctx.em, ctx.user, input, false)),
  summary: read.input(SummaryInput).query(({ ctx, input }) => summary(ctx.em, ctx.user, input)),
  exportCsv: read.input(ExportCsvInput).query(({ ctx, input }) => exportCsv(ctx.em, ctx.user, input)),
  lockPeriod: lock.input(LockPeriodInput).mutation(({ ctx, input }) => lockPeriod(ctx.em, input)),
});
