import { findReportPdf, requestReportPdf } from '@workmate/db/bookkeeping/report-pdf';
import { ReportPdfGetInput, ReportPdfInput, type ReportPdfState } from '@workmate/domain/schemas/bookkeeping-report-pdf';
import type { SessionUser } from '@workmate/domain/schemas/auth';
import type { EntityManager } from '@workmate/db/orm';
import type { AppDeps } from '../../context.ts';
import { DOCUMENT_QUEUE } from '../../queues.ts';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('bookkeeping.read');

/**
 * How a requested report PDF is doing, with its content once ready. With Redis away the job's
 * state is unknown: its outbox row is still open and the relay delivers it later, so 'queued'.
 */
async function reportPdfState(em: EntityManager, deps: AppDeps, user: SessionUser, requestId: string): Promise<ReportPdfState> {
  const { file, jobId } = await findReportPdf(em, user, requestId);
  if (file) {
    const content = await deps.storage.get(file.storageKey);
    return { status: 'ready', requestId, fileName: file.fileName, size: file.size, sha256: file.sha256, contentBase64: content.toString('base64') };
  }
  const job = deps.queues.available() ? await deps.queues.state(DOCUMENT_QUEUE, jobId) : null;
  if (job?.state === 'active') return { status: 'rendering', requestId };
  // A failed report is not retried here: its failures (a ledger past the cap, an account gone) stay; ask again instead.
  if (job?.state === 'failed') return { status: 'failed', requestId, error: job.failedReason ?? 'The PDF could not be rendered' };
  return { status: 'queued', requestId };
}

/**
 * PDF export of the reports (issue 16): `request` writes a render job for the worker and returns
 * its request id; `get` answers queued / rendering / failed, or ready with the file (base64).
 * Only the requester gets the file. Both need bookkeeping.read.
 */
export const reportPdfRouter = router({
  request: read.input(ReportPdfInput).mutation(({ ctx, input }) => requestReportPdf(ctx.em, ctx.user, input)),
  get: read.input(ReportPdfGetInput).query(({ ctx, input }): Promise<ReportPdfState> => reportPdfState(ctx.em, ctx.deps, ctx.user, input.requestId)),
});
