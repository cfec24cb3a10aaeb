import { listApiUsage } from '@workmate/db/platform/api-usage';
import { findImapPollStatus } from '@workmate/db/service/imap-state';
import { createSavedReport, deleteSavedReport, getSavedReport, listSavedReportRuns, listSavedReports, updateSavedReport } from '@workmate/db/saved-reports/reports';
import { checkSourcePermission, downloadReportRun, runSavedReport } from '@workmate/db/saved-reports/run';
import { IdInput } from '@workmate/domain/schemas/common';
import { ApiUsageListInput, SavedReportCreateInput, SavedReportRunInput, SavedReportUpdateInput } from '@workmate/domain/schemas/platform';
import { QUEUE_BOARD_PATH } from '../../queue-board.ts';
import { permissionProcedure, router } from '../../trpc.ts';
import { automationRouter } from './automation.ts';
import { webhooksRouter } from './webhooks.ts';

const monitor = permissionProcedure('monitoring.view');
const usage = permissionProcedure('apiUsage.view');
const reports = permissionProcedure('savedReports.manage');

const language = (l: string): 'de' | 'en' => (l === 'en' ? 'en' : 'de');

/**
 * Platform (issue 18): outgoing webhooks, automation rules, monitoring status, the API usage log and
 * saved reports. Admin-only by default.
 */
export const platformRouter = router({
  webhooks: webhooksRouter,
  automation: automationRouter,
  monitoring: router({
    /** The worker's heartbeat, the jobs per queue and state with the address of the queue view, and the IMAP polls. */
    status: monitor.query(async ({ ctx }) => {
      const beat = await ctx.deps.redis.get(ctx.deps.env.WORKER_HEARTBEAT_KEY).catch(() => null);
      const at = beat ? Number(beat) : null;
      const queues = ctx.deps.queues.available() ? await ctx.deps.queues.snapshot() : [];
      return {
        worker: { lastHeartbeat: at ? new Date(at).toISOString() : null, ok: at !== null && Date.now() - at < ctx.deps.env.HEARTBEAT_ALERT_SECONDS * 1000 },
        queues: queues.map((q) => ({ name: q.name, counts: q.counts })),
        queueViewPath: QUEUE_BOARD_PATH,
        /** Email in via IMAP: per polled mailbox the last poll's time, result, error and counts. */
        imap: await findImapPollStatus(ctx.em),
      };
    }),
  }),
  apiUsage: router({
    list: usage.input(ApiUsageListInput).query(({ ctx, input }) => listApiUsage(ctx.em, input)),
  }),
  savedReports: router({
    list: reports.query(({ ctx }) => listSavedReports(ctx.em)),
    get: reports.input(IdInput).query(({ ctx, input }) => getSavedReport(ctx.em, input.id)),
    create: reports.input(SavedReportCreateInput).mutation(({ ctx, input }) => {
      checkSourcePermission(input, ctx.user.permissions);
      return createSavedReport(ctx.em, input, ctx.user.id);
    }),
    update: reports.input(SavedReportUpdateInput).mutation(({ ctx, input }) => {
      checkSourcePermission(input, ctx.user.permissions);
      return updateSavedReport(ctx.em, input);
    }),
    delete: reports.input(IdInput).mutation(({ ctx, input }) => deleteSavedReport(ctx.em, input.id)),
    /** Runs the report now: the file (base64) in the answer, also kept with the run. */
    run: reports.input(SavedReportRunInput).mutation(({ ctx, input }) =>
      runSavedReport(ctx.em, ctx.deps.storage, input, { id: ctx.user.id, permissions: ctx.user.permissions, language: language(ctx.user.language) }),
    ),
    runs: reports.input(IdInput).query(({ ctx, input }) => listSavedReportRuns(ctx.em, input.id)),
    downloadRun: reports.input(IdInput).query(({ ctx, input }) => downloadReportRun(ctx.em, ctx.deps.storage, input.id, ctx.user.permissions)),
  }),
});
