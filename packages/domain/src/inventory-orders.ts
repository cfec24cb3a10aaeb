import { z } from 'zod';
import { Cost, StockQuantity } from './inventory.ts';
import { date, Id, Page } from './schemas/common.ts';

/**
 * Sales orders: an order confirmation (Auftragsbestätigung, AB-{YYYY}-{NNNN}) reserves stock at
 * the location it ships from; delivery notes (LS-{YYYY}-{NNNN}) deliver part or all of it; an
 * invoice draft takes what was delivered and not yet invoiced. Per line: invoiced ≤ delivered ≤ ordered.
 */
export const SalesOrderLineInput = z.object({
  articleId: Id,
  quantity: StockQuantity,
  /** Net price per base unit; without it the article's price list gives it (the best price for the quantity). */
  unitPrice: Cost.optional(),
});

export const SalesOrderCreateInput = z.object({
  customerId: Id,
  /** The warehouse location it ships from (where stock is reserved). */
  locationId: Id,
  orderDate: date,
  /** The accepted quote this order confirms, if any. */
  sourceQuoteId: Id.nullish().transform((v) => v ?? null),
  /** Without lines, the quote's lines that sell an article (whole quantities) become the order's lines, at the quote's prices. */
  lines: z.array(SalesOrderLineInput, { error: 'must be a list' }).max(500, { error: 'at most 500 lines' }).default([]),
});
export type SalesOrderCreateInput = z.infer<typeof SalesOrderCreateInput>;

export const DeliveryCreateInput = z.object({
  orderId: Id,
  deliveredOn: date,
  lines: z
    .array(z.object({ orderLineId: Id, quantity: StockQuantity }), { error: 'must be a list' })
    .min(1, { error: 'select at least one entry' })
    .max(500, { error: 'at most 500 lines' }),
});
export type DeliveryCreateInput = z.infer<typeof DeliveryCreateInput>;

export const SalesOrderListInput = Page;
export type SalesOrderListInput = z.infer<typeof SalesOrderListInput>;

/** Invoice units as people write them (the e-invoice maps them back to UN/ECE codes). */
export const UNIT_LABELS: Readonly<Record<string, string>> = {
  H87: 'Stk.',
  C62: 'Stk.',
  HUR: 'Std.',
  MIN: 'min',
  DAY: 'Tag',
  KGM: 'kg',
  GRM: 'g',
  TNE: 't',
  MTR: 'm',
  KMT: 'km',
  MTK: 'm²',
  MTQ: 'm³',
  LTR: 'l',
  KWH: 'kWh',
  SET: 'Set',
  PK: 'Paket',
  LS: 'pauschal',
};
