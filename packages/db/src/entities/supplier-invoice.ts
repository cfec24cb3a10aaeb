import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SUPPLIER_INVOICE_FORMATS, SUPPLIER_INVOICE_STATUSES, type ReceivedEInvoice } from '@workmate/domain/einvoice-in';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { StoredDocument } from './document.ts';
import { Employee } from './employee.ts';
import { Supplier } from './supplier.ts';

/**
 * A received e-invoice (Eingangsrechnung): a draft in the inbox until someone approves it
 * (booked as expenses, one per VAT rate) or rejects it. The original file is kept unchanged as a
 * document with its sha256; `parsed` is what was read from it. One supplier never sends the same
 * invoice number twice (unique).
 */
export const SupplierInvoice = defineEntity({
  name: 'SupplierInvoice',
  tableName: 'supplier_invoices',
  uniques: [{ name: 'supplier_invoices_supplier_number_unique', properties: ['supplier', 'invoiceNumber'] }],
  properties: {
    id: idColumn(),
    supplier: () => p.manyToOne(Supplier).index(),
    invoiceNumber: p.string().length(100),
    /** BT-3: 380 invoice, 381 credit note, 384 corrected, 389 self-billed. */
    typeCode: p.string().length(3),
    status: p.enum(SUPPLIER_INVOICE_STATUSES).default('draft').index(),
    format: p.enum(SUPPLIER_INVOICE_FORMATS),
    issueDate: p.date(),
    dueDate: p.date().nullable(),
    currency: p.string().length(3),
    buyerReference: p.string().length(200).nullable(),
    netAmount: p.decimal('string').precision(12).scale(2),
    taxAmount: p.decimal('string').precision(12).scale(2),
    grossAmount: p.decimal('string').precision(12).scale(2),
    dueAmount: p.decimal('string').precision(12).scale(2),
    document: () => p.manyToOne(StoredDocument),
    parsed: p.json<ReceivedEInvoice>(),
    receivedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    decidedBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    decidedAt: p.datetime().columnType('timestamptz').nullable(),
    rejectionReason: p.text().nullable(),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type SupplierInvoice = InferEntity<typeof SupplierInvoice>;
