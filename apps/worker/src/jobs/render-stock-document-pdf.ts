import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import type { FileStorage } from '@workmate/db/documents/storage';
import { loadStockDocument, stockDocumentArchived, storeStockDocumentPdf } from '@workmate/db/inventory/documents';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import type { PdfRenderer } from '../pdf/renderer.ts';
import { renderStockDocumentHtml } from '../pdf/stock-document-template.ts';
import { defineJob } from './define-job.ts';

/** Renders an order confirmation's or a delivery note's PDF and archives it; idempotent (the database says whether it is done). */
export async function processRenderStockDocumentPdf(orm: MikroORM, storage: FileStorage, renderer: PdfRenderer, data: unknown) {
  const parsed = JOBS.renderStockDocumentPdf.payload.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`Invalid payload: ${parsed.error.message}`);
  const { kind, id } = parsed.data;
  return runAs({ id: null, label: 'worker' }, async () => {
    if (await stockDocumentArchived(orm.em.fork(), kind, id)) return { skipped: 'already archived' };
    const model = await loadStockDocument(orm.em.fork(), kind, id).catch((error: Error) => {
      if (/was not found/.test(error.message)) throw new UnrecoverableError(error.message);
      throw error;
    });
    const pdf = await renderer.render(renderStockDocumentHtml(model), { language: 'de' });
    return storeStockDocumentPdf(orm.em.fork(), storage, kind, id, pdf);
  });
}

export const renderStockDocumentPdfJob = defineJob(JOBS.renderStockDocumentPdf, async (payload, { orm, storage, renderer }) => processRenderStockDocumentPdf(orm, storage, renderer, payload));
