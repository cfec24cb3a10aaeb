import { findEInvoiceFile, type EInvoiceFile } from '@workmate/db/invoices/einvoice';
import type { EntityManager } from '@workmate/db/orm';
import type { EInvoiceFileFormat } from '@workmate/domain/einvoice-out';
import type { AppDeps } from '../../context.ts';
import { pdfState, type PdfPending } from './pdf.ts';

export type EInvoiceResult =
  | { status: 'ready'; format: EInvoiceFileFormat; documentId: string; fileName: string; mimeType: string; sha256: string; size: number; contentBase64: string }
  | PdfPending;

/**
 * The archived e-invoice file of a finalized invoice, or — while the worker has not archived it
 * yet — the same "being rendered" answer the PDF gives (asking starts the rendering). Drafts,
 * quotes and invoices archived without e-invoice data are refused with a code.
 */
export async function einvoiceState(em: EntityManager, deps: AppDeps, id: string, format: EInvoiceFileFormat): Promise<{ status: 'ready'; file: EInvoiceFile } | PdfPending> {
  const found = await findEInvoiceFile(em, id, format);
  if (found.status === 'ready') return found;
  const pdf = await pdfState(em, deps, id);
  if (pdf.status !== 'ready') return pdf;
  // Archived in the meantime: the XML came before the PDF, so it is there now (or never will be).
  const again = await findEInvoiceFile(em.fork(), id, format);
  if (again.status === 'ready') return again;
  return { status: 'rendering', jobId: '' };
}

export async function einvoiceFor(em: EntityManager, deps: AppDeps, id: string, format: EInvoiceFileFormat): Promise<EInvoiceResult> {
  const state = await einvoiceState(em, deps, id, format);
  if (state.status !== 'ready') return state;
  const { file } = state;
  const content = await deps.storage.get(file.storageKey);
  return { status: 'ready', format, documentId: file.documentId, fileName: file.fileName, mimeType: file.mimeType, sha256: file.sha256, size: file.size, contentBase64: content.toString('base64') };
}
