import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@workmate/domain/errors';
import { JOBS, jobIdFor } from '@workmate/domain/jobs';
import type { FileStorage } from '../documents/storage.ts';
import { StoredDocument } from '../entities/document.ts';
import { DocumentVersion } from '../entities/document-version.ts';
import { Invoice } from '../entities/invoice.ts';
import { OutboxMessage } from '../entities/outbox-message.ts';
import { enqueue } from '../outbox/outbox.ts';
import { lockInvoice } from './queries.ts';

export interface PdfFile {
  documentId: string;
  fileName: string;
  sha256: string;
  size: number;
  storageKey: string;
  final: boolean;
}

const fileNameOf = (inv: Invoice) => {
  const label = inv.type === 'quote' ? 'Angebot' : inv.type === 'cancellation' ? 'Stornorechnung' : 'Rechnung';
  return inv.number ? `${label}-${inv.number.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf` : `${label}-Entwurf-v${inv.version}.pdf`;
};

const previewKeyPrefix = (id: string, version: number) => `previews/${id}/v${version}-`;

function toFile(doc: StoredDocument, final: boolean): PdfFile {
  return { documentId: doc.id, fileName: doc.fileName, sha256: doc.sha256, size: Number(doc.sizeBytes), storageKey: doc.storageKey, final };
}

/** The stored PDF of a document (the archived one when finalized, the current version's preview for a draft), if there is one. */
export async function findPdf(em: EntityManager, id: string): Promise<{ file: PdfFile | null; jobId: string; invoice: Invoice }> {
  const inv = await em.findOne(Invoice, { id }, { populate: ['pdfDocument'], refresh: true });
  if (!inv) throw notFound('Invoice', id);
  const final = inv.status !== 'draft';
  const jobId = jobIdFor(JOBS.renderInvoicePdf, { invoiceId: id, draftVersion: final ? null : inv.version });
  if (final) return { file: inv.pdfDocument ? toFile(inv.pdfDocument, true) : null, jobId, invoice: inv };
  const preview = await em.findOne(StoredDocument, { entity: 'invoice', entityId: id, kind: 'invoice_preview', storageKey: { $like: `${previewKeyPrefix(id, inv.version)}%` } });
  return { file: preview ? toFile(preview, false) : null, jobId, invoice: inv };
}

/** Asks for the PDF to be rendered (once per job id: a job already waiting in the outbox is not added again). */
export async function requestPdfRender(em: EntityManager, id: string): Promise<string> {
  return em.transactional(async (tx) => {
    const { file, jobId, invoice } = await findPdf(tx, id);
    if (file) return jobId;
    // An open row (not yet finished by the worker) is relayed again if Redis lost its job.
    const waiting = await tx.count(OutboxMessage, { jobId, completedAt: null });
    if (!waiting) enqueue(tx, JOBS.renderInvoicePdf, { invoiceId: id, draftVersion: invoice.status === 'draft' ? invoice.version : null });
    await tx.flush();
    return jobId;
  });
}

/**
 * Stores a rendered PDF as a document (file + sha256) and links it. A finalized document's PDF
 * is archived once: if one is already linked, the new rendering is thrown away and the archived
 * file stays unchanged. Keys carry the checksum, so no archived file is ever overwritten.
 */
export async function storeInvoicePdf(em: EntityManager, storage: FileStorage, input: { invoiceId: string; draftVersion: number | null; pdf: Buffer }): Promise<{ stored: boolean; documentId: string | null }> {
  const sha256 = createHash('sha256').update(input.pdf).digest('hex');
  const current = await em.fork().findOne(Invoice, { id: input.invoiceId });
  if (!current) return { stored: false, documentId: null };
  const final = input.draftVersion === null;
  if (final && current.pdfDocument) return { stored: false, documentId: current.pdfDocument.id };
  if (!final && (current.status !== 'draft' || current.version !== input.draftVersion)) return { stored: false, documentId: null };
  const key = final ? `invoices/${input.invoiceId}/${sha256}.pdf` : `${previewKeyPrefix(input.invoiceId, input.draftVersion as number)}${sha256}.pdf`;
  // The file first: a crash after this leaves at most an unreferenced file, never a row without its file.
  await storage.put(key, input.pdf);
  return em.fork().transactional(async (tx) => {
    const inv = await lockInvoice(tx, input.invoiceId);
    if (final) {
      if (inv.pdfDocument) return { stored: false, documentId: inv.pdfDocument.id };
    } else if (inv.status !== 'draft' || inv.version !== input.draftVersion) {
      return { stored: false, documentId: null };
    }
    // Older previews of this draft go (rows and files); read before the new one exists.
    const oldPreviews = final ? [] : await tx.find(StoredDocument, { entity: 'invoice', entityId: inv.id, kind: 'invoice_preview' });
    const doc = tx.create(StoredDocument, {
      kind: final ? 'invoice_pdf' : 'invoice_preview',
      fileName: fileNameOf(inv),
      // The documents list labels the file by this: a quote's PDF is an offer, not an invoice.
      category: inv.type === 'quote' ? 'offer' : 'invoice',
      mimeType: 'application/pdf',
      sizeBytes: input.pdf.length,
      sha256,
      storageKey: key,
      owner: null,
      entity: 'invoice',
      entityId: inv.id,
    });
    tx.create(DocumentVersion, { document: doc, version: 1, fileName: doc.fileName, mimeType: doc.mimeType, sizeBytes: doc.sizeBytes, sha256, storageKey: key, uploadedBy: null });
    if (final) inv.pdfDocument = doc;
    for (const old of oldPreviews) tx.remove(old);
    await tx.flush();
    for (const old of oldPreviews) if (old.storageKey !== key) await storage.remove(old.storageKey).catch(() => undefined);
    return { stored: true, documentId: doc.id };
  });
}
