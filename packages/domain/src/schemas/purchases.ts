import { z } from 'zod';
import { SUPPLIER_INVOICE_STATUSES } from '../einvoice-in.ts';
import { date, Id, money, optionalEmail, optionalText, Page, text, updateFields, Version } from './common.ts';

/** The inbox of received e-invoices, newest first, optionally of one status. */
export const SupplierInvoiceListInput = Page.extend({
  status: z.enum(SUPPLIER_INVOICE_STATUSES).optional(),
});
export type SupplierInvoiceListInput = z.infer<typeof SupplierInvoiceListInput>;

/** Approve (book as expenses) a received invoice still in draft. */
export const SupplierInvoiceApproveInput = z.object({ id: Id, version: Version });
export type SupplierInvoiceApproveInput = z.infer<typeof SupplierInvoiceApproveInput>;

export const SupplierInvoiceRejectInput = z.object({ id: Id, version: Version, reason: optionalText(1000) });
export type SupplierInvoiceRejectInput = z.infer<typeof SupplierInvoiceRejectInput>;

/** How a received invoice was paid: from the bank account or out of the cash box. */
export const SUPPLIER_PAYMENT_METHODS = ['bank', 'cash'] as const;
export type SupplierPaymentMethod = (typeof SUPPLIER_PAYMENT_METHODS)[number];

/**
 * A payment of an approved received invoice: the amount paid and, when the supplier's Skonto
 * was taken, the discount (gross) it settles the rest with. Both never exceed what is open.
 */
export const SupplierPaymentRecordInput = z.object({
  supplierInvoiceId: Id,
  amount: money().refine((v) => v !== '0.00', { error: 'must be greater than zero' }),
  paymentDate: date,
  method: z.enum(SUPPLIER_PAYMENT_METHODS).default('bank'),
  skontoAmount: money().refine((v) => v !== '0.00', { error: 'must be greater than zero' }).nullish(),
  reference: optionalText(200),
});
export type SupplierPaymentRecordInput = z.infer<typeof SupplierPaymentRecordInput>;

/** Received e-invoice files: a PDF with its attachment may be large, the XML itself is small. */
export const MAX_EINVOICE_UPLOAD_BYTES = 20 * 1024 * 1024;

/** A person at a supplier: name, role or position, email, phone; at most one primary per supplier. */
export const SupplierContactCreateInput = z.object({
  supplierId: Id,
  name: text(200),
  position: optionalText(100),
  email: optionalEmail,
  phone: optionalText(50),
  isPrimary: z.boolean().default(false),
});
export type SupplierContactCreateInput = z.infer<typeof SupplierContactCreateInput>;
export const SupplierContactUpdateInput = z.object({ ...updateFields(SupplierContactCreateInput.omit({ supplierId: true }).shape), id: Id, version: Version });
export type SupplierContactUpdateInput = z.infer<typeof SupplierContactUpdateInput>;
export const SupplierContactListInput = z.object({ supplierId: Id });
