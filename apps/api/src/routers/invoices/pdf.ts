import { findPdf, requestPdfRender, type PdfFile } from '@workmate/db/invoices/pdf';
import type { EntityManager } from '@workmate/db/orm';
import type { AppDeps } from '../../context.ts';
import { DOCUMENT_QUEUE } from '../../queues.ts';

export type PdfPending = { status: 'queued' | 'rendering'; jobId: string } | { status: 'failed'; jobId: string; error: string };

export type PdfResult =
  | { status: 'ready'; documentId: string; fileName: string; sha256: string; size: number; final: boolean; contentBase64: string }
  | PdfPending;

/**
 * The stored PDF of a document, or how its rendering is doing. Asking for a PDF that was never
 * rendered (or whose rendering failed) starts it.
 */
export async function pdfState(em: EntityManager, deps: AppDeps, id: string): Promise<{ status: 'ready'; file: PdfFile } | PdfPending> {
  const { file, jobId } = await findPdf(em, id);
  if (file) return { status: 'ready', file };
  // With Redis away the job's state is unknown: the outbox keeps (or gets) an open row for it,
  // which the worker's relay delivers once Redis is back, so the answer is 'queued'.
  const job = deps.queues.available() ? await deps.queues.state(DOCUMENT_QUEUE, jobId) : null;
  if (job?.state === 'active') return { status: 'rendering', jobId };
  if (job?.state === 'failed') {
    await job.retry();
    return { status: 'failed', jobId, error: job.failedReason ?? 'The PDF could not be rendered' };
  }
  if (!job || job.state === 'completed') await requestPdfRender(em.fork(), id);
  return { status: 'queued', jobId };
}

export async function pdfFor(em: EntityManager, deps: AppDeps, id: string): Promise<PdfResult> {
  const state = await pdfState(em, deps, id);
  if (state.status !== 'ready') return state;
  const { file } = state;
  const content = await deps.storage.get(file.storageKey);
  return { status: 'ready', documentId: file.documentId, fileName: file.fileName, sha256: file.sha256, size: file.size, final: file.final, contentBase64: content.toString('base64') };
}
