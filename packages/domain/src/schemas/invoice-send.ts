import { z } from 'zod';
import { Id, optionalText } from './common.ts';

/** Where a request to email a document stands: waiting for the worker, accepted by the SMTP server, or given up. */
export const INVOICE_SEND_STATUSES = ['queued', 'sent', 'failed'] as const;
export type InvoiceSendStatus = (typeof INVOICE_SEND_STATUSES)[number];

/** The longest personal message that goes into the email body. */
export const SEND_MESSAGE_MAX = 5000;
/** More recipients than this is a mailing, not sending an invoice. */
export const SEND_MAX_ADDRESSES = 10;

/** One address, as typed (trimmed); z.email refuses line breaks, so no header can be smuggled in. */
const Address = z.string().trim().pipe(z.email({ error: 'must be a valid email address' }).max(254, { error: 'must be at most 254 characters' }));

/**
 * invoices.send: email a finalized document (its archived PDF) to one or more addresses, with
 * copies and a personal message. The worker sends it; the answer is the recorded request.
 */
export const InvoiceSendInput = z.object({
  id: Id,
  to: z.array(Address, { error: 'must be a list' }).min(1, { error: 'give at least one email address' }).max(SEND_MAX_ADDRESSES, { error: 'at most 10 email addresses' }),
  cc: z.array(Address, { error: 'must be a list' }).max(SEND_MAX_ADDRESSES, { error: 'at most 10 email addresses' }).default([]),
  message: optionalText(SEND_MESSAGE_MAX),
});
export type InvoiceSendInput = z.infer<typeof InvoiceSendInput>;
