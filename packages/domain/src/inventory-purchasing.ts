import { z } from 'zod';
import { Cost, StockQuantity } from './inventory.ts';
import { date, Id, Page } from './schemas/common.ts';

/**
 * Purchasing: a purchase order (BE-{YYYY}-{NNNN}) to a supplier, goods receipts (WE-{YYYY}-{NNNN},
 * partial; a quality check may reject part into the blocked location), and the link of received
 * quantities to the supplier's invoice. Per line: invoiced ≤ received ≤ ordered.
 */
const lines = <T extends z.ZodType>(line: T) => z.array(line, { error: 'must be a list' }).min(1, { error: 'select at least one entry' }).max(500, { error: 'at most 500 lines' });
const WholeCount = z.int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(1_000_000_000, { error: 'must be at most 1000000000' });

export const PurchaseOrderCreateInput = z.object({
  supplierId: Id,
  /** Where the goods are received into (a warehouse, zone or bin). */
  locationId: Id,
  orderDate: date,
  lines: lines(
    z.object({
      articleId: Id,
      quantity: StockQuantity,
      /** Net price per base unit; without it the supplier's price for the quantity. */
      unitPrice: Cost.optional(),
    }),
  ),
});
export type PurchaseOrderCreateInput = z.infer<typeof PurchaseOrderCreateInput>;

export const GoodsReceiptInput = z.object({
  orderId: Id,
  receivedOn: date,
  lines: lines(z.object({ orderLineId: Id, quantity: StockQuantity, rejected: WholeCount.default(0) })),
});
export type GoodsReceiptInput = z.infer<typeof GoodsReceiptInput>;

export const PurchaseInvoiceLinkInput = z.object({
  orderId: Id,
  supplierInvoiceId: Id,
  lines: lines(z.object({ orderLineId: Id, quantity: StockQuantity })),
});
export type PurchaseInvoiceLinkInput = z.infer<typeof PurchaseInvoiceLinkInput>;

export const PurchaseOrderListInput = Page;
export type PurchaseOrderListInput = z.infer<typeof PurchaseOrderListInput>;
