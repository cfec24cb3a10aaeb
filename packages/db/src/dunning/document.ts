import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InterestPeriod } from '@workmate/domain/dunning';
import { notFound } from '@workmate/domain/errors';
import type { FileStorage } from '../documents/storage.ts';
import { StoredDocument } from '../entities/document.ts';
import { DocumentVersion } from '../entities/document-version.ts';
import { DunningNotice } from '../entities/dunning-notice.ts';
import { Invoice } from '../entities/invoice.ts';
import { loadSettings } from '../core/settings.ts';
import { dateOnly, moneyText } from '../shared/format.ts';

/** Everything the worker prints on a notice and writes in its email: the frozen notice, the invoice it dunns, seller and buyer as on the invoice. */
export interface NoticeDocumentModel {
  id: string;
  number: string;
  level: number;
  title: string;
  text: string;
  language: 'de' | 'en';
  noticeDate: string;
  consumer: boolean;
  outstanding: string;
  interest: string;
  levelFee: string;
  flatFee: string;
  total: string;
  interestPeriods: InterestPeriod[];
  invoice: { id: string; number: string; issueDate: string | null; dueDate: string | null; grossTotal: string; paidAmount: string };
  seller: Record<string, string | null>;
  buyer: Record<string, string | null>;
  companyEmail: string | null;
  email: { to: string[]; status: 'queued' | 'sent' | 'failed' } | null;
  pdf: { storageKey: string; fileName: string; sha256: string } | null;
}

/** The sent notice as the worker needs it, or why there is nothing to do. */
export async function loadNoticeDocument(em: EntityManager, noticeId: string): Promise<{ skipped: string } | NoticeDocumentModel> {
  const n = await em.findOne(DunningNotice, { id: noticeId }, { populate: ['pdfDocument'], refresh: true });
  if (!n) return { skipped: 'notice is gone' };
  if (n.status !== 'sent' || !n.number) return { skipped: `notice is ${n.status}` };
  const inv = await em.findOneOrFail(Invoice, { id: n.invoice.id }, { populate: ['customer'], refresh: true });
  const settings = await loadSettings(em);
  const pdf = n.pdfDocument;
  return {
    id: n.id,
    number: n.number,
    level: n.level,
    title: n.title,
    text: n.text,
    language: n.language,
    noticeDate: dateOnly(n.noticeDate) ?? '',
    consumer: n.consumer,
    outstanding: moneyText(n.outstanding),
    interest: moneyText(n.interest),
    levelFee: moneyText(n.levelFee),
    flatFee: moneyText(n.flatFee),
    total: moneyText(n.total),
    interestPeriods: n.interestPeriods,
    invoice: { id: inv.id, number: inv.number ?? '', issueDate: dateOnly(inv.issueDate), dueDate: dateOnly(inv.dueDate), grossTotal: moneyText(inv.grossTotal), paidAmount: moneyText(inv.paidAmount) },
    seller: { ...(inv.seller ?? {}) },
    buyer: { ...(inv.buyer ?? { name: inv.customer.name }) },
    companyEmail: settings.email ?? null,
    email: n.emailStatus && n.emailTo ? { to: [...n.emailTo], status: n.emailStatus } : null,
    pdf: pdf ? { storageKey: pdf.storageKey, fileName: pdf.fileName, sha256: pdf.sha256 } : null,
  };
}

/**
 * Archives a notice's PDF once (file + sha256, linked to the invoice so it is seen by whoever
 * sees the invoice). A second rendering (a retried job) is thrown away: the archived file stays.
 */
export async function storeNoticePdf(em: EntityManager, storage: FileStorage, noticeId: string, pdf: Buffer): Promise<{ stored: boolean; documentId: string | null }> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const current = await em.fork().findOne(DunningNotice, { id: noticeId });
  if (!current || current.status !== 'sent') return { stored: false, documentId: null };
  if (current.pdfDocument) return { stored: false, documentId: current.pdfDocument.id };
  const key = `dunning/${noticeId}/${sha256}.pdf`;
  await storage.put(key, pdf);
  return em.fork().transactional(async (tx) => {
    const n = await tx.findOneOrFail(DunningNotice, { id: noticeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (n.pdfDocument) return { stored: false, documentId: n.pdfDocument.id };
    const fileName = `Mahnung-${String(n.number).replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;
    const doc = tx.create(StoredDocument, {
      kind: 'dunning_pdf',
      fileName,
      category: 'invoice',
      mimeType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256,
      storageKey: key,
      owner: null,
      entity: 'invoice',
      entityId: n.invoice.id,
    });
    tx.create(DocumentVersion, { document: doc, version: 1, fileName, mimeType: doc.mimeType, sizeBytes: doc.sizeBytes, sha256, storageKey: key, uploadedBy: null });
    n.pdfDocument = doc;
    await tx.flush();
    return { stored: true, documentId: doc.id };
  });
}

/** The SMTP server accepted the notice's email: recorded once (a retried job then skips it). */
export async function markNoticeEmail(em: EntityManager, noticeId: string, outcome: { sent: true; messageId: string | null } | { sent: false; error: string }): Promise<boolean> {
  return em.fork().transactional(async (tx) => {
    const n = await tx.findOne(DunningNotice, { id: noticeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!n || n.emailStatus !== 'queued') return false;
    if (outcome.sent) {
      n.emailStatus = 'sent';
      n.emailMessageId = outcome.messageId?.slice(0, 500) ?? null;
      n.emailError = null;
    } else {
      n.emailStatus = 'failed';
      n.emailError = outcome.error.slice(0, 2000);
    }
    await tx.flush();
    return true;
  });
}

/** The archived PDF of a sent notice, for download (small: one page), or null while the worker has not archived it. */
export async function noticePdf(em: EntityManager, storage: FileStorage, noticeId: string): Promise<{ fileName: string; sha256: string; base64: string } | null> {
  const n = await em.findOne(DunningNotice, { id: noticeId }, { populate: ['pdfDocument'], refresh: true });
  if (!n) throw notFound('DunningNotice', noticeId);
  const doc = n.pdfDocument;
  if (!doc) return null;
  const bytes = await storage.get(doc.storageKey);
  return { fileName: doc.fileName, sha256: doc.sha256, base64: bytes.toString('base64') };
}
