import { runAs } from '@workmate/db/shared/actor';
import { requestPdfRender } from '@workmate/db/invoices/pdf';
import { EVENTS, subscriberJob } from '@workmate/domain/events';
import { defineJob } from './define-job.ts';

/**
 * Subscriber of invoice.finalized: has the archived PDF rendered. It asks for the render job
 * (render-invoice-pdf, the same job the PDF endpoint asks for), so one job renders the PDF
 * whoever asked first. Idempotent: nothing is asked for when the PDF exists or its job is open.
 */
export const invoiceFinalizedPdfJob = defineJob(subscriberJob(EVENTS.invoiceFinalized, 'invoice-pdf'), async ({ event }, { orm }) => {
  const jobId = await runAs({ id: null, label: 'worker' }, () => requestPdfRender(orm.em.fork(), event.invoiceId));
  return { renderJob: jobId };
});
