import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idColumn } from './common.ts';
import { SupplierInvoice } from './supplier-invoice.ts';

/** One VAT category and rate of a received invoice (BG-23): its base and its tax. */
export const SupplierInvoiceTaxRow = defineEntity({
  name: 'SupplierInvoiceTaxRow',
  tableName: 'supplier_invoice_tax_rows',
  properties: {
    id: idColumn(),
    supplierInvoice: () => p.manyToOne(SupplierInvoice).deleteRule('cascade').index(),
    /** UNCL5305: S standard, Z zero, E exempt, AE reverse charge, … */
    category: p.string().length(4),
    rate: p.decimal('string').precision(5).scale(2),
    netAmount: p.decimal('string').precision(12).scale(2),
    taxAmount: p.decimal('string').precision(12).scale(2),
  },
});
export type SupplierInvoiceTaxRow = InferEntity<typeof SupplierInvoiceTaxRow>;
