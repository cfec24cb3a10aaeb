import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import type { FileStorage } from '@workmate/db/documents/storage';
import { loadReportPdfModel, reportPdfStored, storeReportPdf } from '@workmate/db/bookkeeping/report-pdf';
import { runAs } from '@workmate/db/shared/actor';
import { AppError } from '@workmate/domain/errors';
import { JOBS } from '@workmate/domain/jobs';
import type { PdfRenderer } from '../pdf/renderer.ts';
import { renderReportHtml, reportFooterTemplate, reportViewOf } from '../pdf/report-template.ts';
import { defineJob } from './define-job.ts';

/**
 * Renders one requested bookkeeping report as a PDF and keeps it for its requester; idempotent
 * (a request whose file is stored is done). A report that cannot be read (the account went, the
 * ledger grew past the cap) will not get better by retrying.
 */
export async function processRenderReportPdf(orm: MikroORM, storage: FileStorage, renderer: PdfRenderer, data: unknown) {
  const parsed = JOBS.renderReportPdf.payload.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`Invalid payload: ${parsed.error.message}`);
  const payload = parsed.data;
  return runAs({ id: null, label: 'worker' }, async () => {
    if (await reportPdfStored(orm.em.fork(), payload.requestId)) return { skipped: 'already rendered' };
    const model = await loadReportPdfModel(orm.em.fork(), payload).catch((error: unknown) => {
      if (error instanceof AppError) throw new UnrecoverableError(error.message);
      throw error;
    });
    const view = reportViewOf(model);
    const pdf = await renderer.render(renderReportHtml(view), { footerTemplate: reportFooterTemplate(view) });
    return storeReportPdf(orm.em.fork(), storage, payload, model.fileName, pdf);
  });
}

export const renderReportPdfJob = defineJob(JOBS.renderReportPdf, async (payload, { orm, storage, renderer }) => processRenderReportPdf(orm, storage, renderer, payload));
