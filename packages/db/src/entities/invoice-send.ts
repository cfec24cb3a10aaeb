import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LANGUAGES } from '@workmate/domain/enums';
import { INVOICE_SEND_STATUSES } from '@workmate/domain/schemas/invoice-send';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Invoice } from './invoice.ts';

/**
 * A request to email a finalized document, and what became of it. Written by invoices.send in
 * the same transaction as the worker's job (the outbox); the worker marks it sent (with the
 * SMTP server's message id) right after the server accepted the mail, so a retried job never
 * sends twice, or failed (with the error) when the server refused it for good.
 */
export const InvoiceSend = defineEntity({
  name: 'InvoiceSend',
  tableName: 'invoice_sends',
  checks: [
    { name: 'invoice_sends_sent_at', expression: "(status = 'sent') = (sent_at is not null)" },
  ],
  properties: {
    id: idColumn(),
    invoice: () => p.manyToOne(Invoice).deleteRule('cascade'),
    // jsonb lists: the audit trail (and so the invoice history) records them as lists.
    toAddresses: p.json<string[]>(),
    ccAddresses: p.json<string[]>(),
    message: p.text().nullable(),
    /** The language of the email's subject and body: the document's own. */
    language: p.enum(LANGUAGES),
    requestedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    requestedAt: p.datetime().columnType('timestamptz'),
    status: p.enum(INVOICE_SEND_STATUSES).default('queued'),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    error: p.text().nullable(),
    messageId: p.string().length(500).nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  indexes: [{ name: 'invoice_sends_invoice_index', properties: ['invoice', 'requestedAt'] }],
});
export type InvoiceSend = InferEntity<typeof InvoiceSend>;
