import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import { runAs } from '@workmate/db/shared/actor';
import type { FileStorage } from '@workmate/db/documents/storage';
import { buildPrintModel } from '@workmate/db/invoices/document-model';
import { archiveEInvoice } from '@workmate/db/invoices/einvoice-write';
import { storeInvoicePdf } from '@workmate/db/invoices/pdf';
import { JOBS } from '@workmate/domain/jobs';
import type { PdfRenderer } from '../pdf/renderer.ts';
import { renderInvoiceHtml } from '../pdf/template.ts';
import { defineJob } from './define-job.ts';

/**
 * Renders a document's PDF and stores it. Idempotent: a finalized document that already has its
 * archived PDF is left alone (the database decides), and a draft preview for a version that is
 * no longer current is skipped.
 */
export async function processRenderInvoicePdf(orm: MikroORM, storage: FileStorage, renderer: PdfRenderer, data: unknown) {
  const parsed = JOBS.renderInvoicePdf.payload.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`Invalid payload: ${parsed.error.message}`);
  const { invoiceId, draftVersion } = parsed.data;
  return runAs({ id: null, label: 'worker' }, async () => {
    const em = orm.em.fork();
    const model = await buildPrintModel(em, invoiceId).catch((error: Error) => {
      if (/was not found/.test(error.message)) throw new UnrecoverableError(error.message);
      throw error;
    });
    if (draftVersion === null && model.draft) throw new UnrecoverableError(`Invoice ${invoiceId} is a draft; it has no archived PDF`);
    if (draftVersion !== null && (!model.draft || model.version !== draftVersion)) return { skipped: 'stale draft version' };
    // Rendered once: an archived PDF is never rendered again (the store checks once more under a lock).
    if (draftVersion === null && model.archived) return { skipped: 'already archived' };
    const html = renderInvoiceHtml(model, model.templatePath ?? undefined);
    let pdf = await renderer.render(html, { language: model.language });
    let einvoiceMissing: string | null = null;
    if (draftVersion === null && model.kind !== 'quote') {
      // E-invoice first (XRechnung CII + UBL archived), then the PDF — as Factur-X when the XML
      // could be written. A crash in between renders again; the XML archived stays as it was.
      // An e-invoice that cannot be written or fails our rules is not archived: the PDF is stored
      // all the same (plain), once — retrying would only fail the same way and hold up sending.
      const einvoice = await archiveEInvoice(orm.em.fork(), storage, invoiceId, pdf);
      if (einvoice.written) pdf = einvoice.pdf;
      else if (einvoice.wanted) {
        einvoiceMissing = einvoice.reason;
        console.error(`[render-invoice-pdf] invoice ${model.number} (${invoiceId}): no e-invoice archived, the PDF is stored without one — ${einvoice.reason}`);
      }
    }
    const stored = await storeInvoicePdf(orm.em.fork(), storage, { invoiceId, draftVersion, pdf });
    return einvoiceMissing ? { ...stored, einvoiceMissing } : stored;
  });
}

export const renderInvoicePdfJob = defineJob(JOBS.renderInvoicePdf, async (payload, { orm, storage, renderer }) => processRenderInvoicePdf(orm, storage, renderer, payload));
