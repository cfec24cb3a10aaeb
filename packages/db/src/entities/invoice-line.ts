import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idColumn } from './common.ts';
import { Invoice } from './invoice.ts';

/** A line item. Its net amount is computed by the server (quantity × unit price, to the cent). */
export const InvoiceLine = defineEntity({
  name: 'InvoiceLine',
  tableName: 'invoice_lines',
  checks: [{ name: 'invoice_lines_tax_rate', expression: 'tax_rate in (0, 7, 19)' }],
  properties: {
    id: idColumn(),
    invoice: () => p.manyToOne(Invoice).deleteRule('cascade').index(),
    position: p.integer(),
    description: p.text(),
    quantity: p.decimal('string').precision(14).scale(4),
    unit: p.string().length(20),
    /** Up to four decimal places (EN 16931); the net is rounded to the cent. */
    unitPrice: p.decimal('string').precision(14).scale(4),
    taxRate: p.smallint(),
    netAmount: p.decimal('string').precision(14).scale(2),
    /** The article the line sells, if any (inventory); its price, unit and VAT were the line's defaults. */
    articleId: p.uuid().nullable(),
  },
});
export type InvoiceLine = InferEntity<typeof InvoiceLine>;
