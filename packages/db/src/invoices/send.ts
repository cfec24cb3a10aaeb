import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InvoiceStatus, InvoiceType, Language } from '@workmate/domain/enums';
import { appError, notFound } from '@workmate/domain/errors';
import { JOBS } from '@workmate/domain/jobs';
import type { InvoiceSendInput, InvoiceSendStatus } from '@workmate/domain/schemas/invoice-send';
import type { FileStorage } from '../documents/storage.ts';
import { Contact } from '../entities/contact.ts';
import { StoredDocument } from '../entities/document.ts';
import { Invoice } from '../entities/invoice.ts';
import { InvoiceSend } from '../entities/invoice-send.ts';
import { enqueue } from '../outbox/outbox.ts';
import type { Actor } from '../shared/actor.ts';
import { dateOnly, moneyText, personRef } from '../shared/format.ts';
import { XML_KINDS } from './einvoice.ts';
import { markSentLocked } from './finalize.ts';
import { lockInvoice } from './queries.ts';

/** A request to email a document, as the API shows it. Instants ISO 8601 UTC. */
export interface InvoiceSendDto {
  id: string;
  invoiceId: string;
  to: string[];
  cc: string[];
  message: string | null;
  language: Language;
  requestedBy: { id: string; name: string } | null;
  requestedAt: string;
  status: InvoiceSendStatus;
  sentAt: string | null;
  error: string | null;
  messageId: string | null;
}

function toDto(s: InvoiceSend): InvoiceSendDto {
  return {
    id: s.id,
    invoiceId: s.invoice.id,
    to: [...s.toAddresses],
    cc: [...s.ccAddresses],
    message: s.message ?? null,
    language: s.language,
    requestedBy: s.requestedBy ? personRef(s.requestedBy) : null,
    requestedAt: s.requestedAt.toISOString(),
    status: s.status,
    sentAt: s.sentAt?.toISOString() ?? null,
    error: s.error ?? null,
    messageId: s.messageId ?? null,
  };
}

/** What the "send by email" dialog starts from: whether sending is set up, the customer's address, the language, and the earlier sends. */
export interface InvoiceSendOptionsDto {
  smtpConfigured: boolean;
  to: string[];
  language: Language;
  sends: InvoiceSendDto[];
}

export async function invoiceSendOptions(em: EntityManager, id: string, options: { smtpConfigured: boolean }): Promise<InvoiceSendOptionsDto> {
  const inv = await em.findOne(Invoice, { id }, { populate: ['customer'], refresh: true });
  if (!inv) throw notFound('Invoice', id);
  // The customer's own address; without one, its primary contact's.
  const contact = inv.customer.email ? null : await em.findOne(Contact, { customer: inv.customer.id, isPrimary: true });
  const address = inv.customer.email ?? contact?.email ?? null;
  return { smtpConfigured: options.smtpConfigured, to: address ? [address] : [], language: inv.language, sends: await listInvoiceSends(em, id) };
}

export async function listInvoiceSends(em: EntityManager, invoiceId: string): Promise<InvoiceSendDto[]> {
  const rows = await em.find(InvoiceSend, { invoice: invoiceId }, { orderBy: { requestedAt: 'desc', id: 'desc' }, populate: ['requestedBy'], refresh: true });
  return rows.map(toDto);
}

/**
 * Records a request to email a finalized document, and its job in the same transaction (the
 * outbox): the worker sends it after commit. Refused without SMTP (nothing would ever send it),
 * for drafts (they have no number and no archived PDF) and for cancelled invoices.
 */
export async function requestInvoiceSend(em: EntityManager, actor: Actor, input: InvoiceSendInput, options: { smtpConfigured: boolean }): Promise<InvoiceSendDto> {
  if (!options.smtpConfigured) throw appError('CONFLICT', 'invoice.emailNotConfigured', {});
  const id = await em.transactional(async (tx) => {
    const invoice = await tx.findOne(Invoice, { id: input.id });
    if (!invoice) throw notFound('Invoice', input.id);
    if (invoice.status === 'draft') throw appError('CONFLICT', 'invoice.draftNotEmailed', {}, { field: 'id' });
    if (invoice.status === 'cancelled') throw appError('CONFLICT', 'invoice.cancelledNotSent', { number: String(invoice.number) }, { field: 'id' });
    const send = tx.create(InvoiceSend, {
      id: randomUUID(),
      invoice,
      toAddresses: input.to,
      ccAddresses: input.cc,
      message: input.message,
      language: invoice.language,
      requestedBy: actor.id,
      requestedAt: new Date(),
      status: 'queued',
    });
    enqueue(tx, JOBS.sendInvoiceEmail, { sendId: send.id });
    await tx.flush();
    return send.id;
  });
  const saved = await em.fork().findOneOrFail(InvoiceSend, { id }, { populate: ['requestedBy'] });
  return toDto(saved);
}

/** An email attachment: its file name, bytes and type. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * The XRechnung XML that goes with the PDF when the customer (as frozen at finalize) wants
 * XRechnung: the archived file, unchanged. A ZUGFeRD customer needs nothing here: the archived
 * PDF itself carries the XML; a customer without e-invoice gets the PDF only. The XML is archived
 * before the PDF, so with the PDF there it is there too — if not, the send fails (and is retried)
 * rather than going out without the e-invoice the customer asked for.
 */
export async function einvoiceAttachmentsFor(em: EntityManager, storage: FileStorage, invoiceId: string): Promise<MailAttachment[]> {
  const inv = await em.findOne(Invoice, { id: invoiceId });
  if (!inv) throw notFound('Invoice', invoiceId);
  const format = inv.buyer?.einvoiceFormat;
  if (format !== 'xrechnung-cii' && format !== 'xrechnung-ubl') return [];
  const doc = await em.findOne(StoredDocument, { entity: 'invoice', entityId: invoiceId, kind: XML_KINDS[format] });
  if (!doc) throw new Error(`The ${format} e-invoice of ${inv.number ?? invoiceId} is not archived yet`);
  return [{ filename: doc.fileName, content: await storage.get(doc.storageKey), contentType: 'application/xml' }];
}

/** Everything the worker needs to write the email of one send request. */
export interface InvoiceEmailData {
  send: { id: string; to: string[]; cc: string[]; message: string | null; language: Language };
  invoice: {
    id: string;
    type: InvoiceType;
    status: InvoiceStatus;
    number: string;
    issueDate: string | null;
    dueDate: string | null;
    validUntil: string | null;
    grossTotal: string;
    customerName: string;
    companyName: string;
    companyEmail: string | null;
  };
  /** The archived PDF; null while the worker has not rendered it yet. */
  pdf: { storageKey: string; fileName: string; sha256: string } | null;
}

/** The send request with its document, or why there is nothing (more) to do. */
export async function loadInvoiceEmail(em: EntityManager, sendId: string): Promise<{ skipped: string } | InvoiceEmailData> {
  const send = await em.findOne(InvoiceSend, { id: sendId }, { refresh: true });
  if (!send) return { skipped: 'send request is gone' };
  // The database decides: a request already sent (a retry after the SMTP server accepted it) or given up is done.
  if (send.status !== 'queued') return { skipped: `already ${send.status}` };
  const inv = await em.findOneOrFail(Invoice, { id: send.invoice.id }, { populate: ['customer', 'pdfDocument'], refresh: true });
  const seller = inv.seller ?? {};
  const buyer = inv.buyer ?? {};
  const pdf = inv.pdfDocument;
  return {
    send: { id: send.id, to: [...send.toAddresses], cc: [...send.ccAddresses], message: send.message ?? null, language: send.language },
    invoice: {
      id: inv.id,
      type: inv.type,
      status: inv.status,
      number: inv.number ?? '',
      issueDate: dateOnly(inv.issueDate),
      dueDate: dateOnly(inv.dueDate),
      validUntil: dateOnly(inv.validUntil),
      grossTotal: moneyText(inv.grossTotal),
      customerName: buyer.name ?? inv.customer.name,
      companyName: seller.companyName ?? '',
      companyEmail: seller.email ?? null,
    },
    pdf: pdf ? { storageKey: pdf.storageKey, fileName: pdf.fileName, sha256: pdf.sha256 } : null,
  };
}

/**
 * Records that the SMTP server accepted the email, right after it did: the request becomes sent
 * with the server's message id (a retried job then skips it), and a finalized document becomes
 * sent through the same path as marking it sent by hand (so the change is audited the same way).
 * A document already further along (sent, paid, overdue, accepted, …) keeps its status.
 */
export async function markInvoiceEmailSent(em: EntityManager, sendId: string, messageId: string | null, now: Date = new Date()): Promise<boolean> {
  return em.fork().transactional(async (tx) => {
    const send = await tx.findOne(InvoiceSend, { id: sendId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!send || send.status !== 'queued') return false;
    send.status = 'sent';
    send.sentAt = now;
    send.messageId = messageId?.slice(0, 500) ?? null;
    send.error = null;
    const invoice = await lockInvoice(tx, send.invoice.id);
    if (invoice.status === 'finalized') await markSentLocked(tx, invoice, now);
    await tx.flush();
    return true;
  });
}

const LABEL_DE: Record<InvoiceType, string> = { invoice: 'Rechnung', quote: 'Angebot', cancellation: 'Stornorechnung', credit_note: 'Rechnungskorrektur' };

/**
 * Gives a send request up: it becomes failed with the error, and whoever asked for it gets a
 * notification (once per request). Returns the people notified, for the caller to announce after
 * commit. The notification is not emailed: the mail server is what just failed.
 */
export async function markInvoiceEmailFailed(em: EntityManager, sendId: string, error: string): Promise<{ notified: string[] }> {
  return em.fork().transactional(async (tx) => {
    const send = await tx.findOne(InvoiceSend, { id: sendId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['invoice'] });
    if (!send || send.status !== 'queued') return { notified: [] };
    send.status = 'failed';
    send.error = error.slice(0, 2000);
    await tx.flush();
    const requester = send.requestedBy?.id;
    if (!requester) return { notified: [] };
    const rows = await tx.execute<Array<{ employee_id: string }>>(
      `insert into notifications (id, employee_id, kind, title, body, entity, entity_id, dedupe_key, created_at)
       select gen_random_uuid(), e.id, 'invoice_send_failed', ?, ?, 'invoice', ?, ?, now()
         from employees e where e.id = ? and e.deleted_at is null and e.notifications_enabled
       on conflict (dedupe_key) do nothing
       returning employee_id`,
      [
        `${LABEL_DE[send.invoice.type]} ${send.invoice.number ?? ''} konnte nicht per E-Mail gesendet werden`,
        `An ${send.toAddresses.join(', ')}: ${send.error}`,
        send.invoice.id,
        `invoice-send-failed-${send.id}`,
        requester,
      ],
    );
    return { notified: rows.map((r) => r.employee_id) };
  });
}
