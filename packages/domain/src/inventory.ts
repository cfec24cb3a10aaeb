import { z } from 'zod';
import { divRound, formatScaled, parseScaled } from './money.ts';
import { TaxRateInput } from './schemas/invoices.ts';
import { date, Id, optionalText, Page, plainString, text, Version } from './schemas/common.ts';

/**
 * Inventory (Warenwirtschaft): articles, locations and the stock ledger. Quantities are whole
 * numbers of an article's base unit (a cable sold by the metre is kept in MTR, screws in H87);
 * an alternative unit (a box of 100) converts by an integer factor. So stock arithmetic is exact
 * integer arithmetic, never floats. Costs and prices are decimals with four places.
 */

/** UN/ECE Recommendation 20 codes offered as units. */
export const ARTICLE_UNITS = ['H87', 'C62', 'KGM', 'GRM', 'TNE', 'MTR', 'CMT', 'MMT', 'KMT', 'MTK', 'MTQ', 'LTR', 'MLT', 'HUR', 'MIN', 'DAY', 'SET', 'PR', 'PK', 'KWH', 'LS'] as const;
export type ArticleUnit = (typeof ARTICLE_UNITS)[number];

/** Real locations form warehouse → zone → bin; the others are virtual. */
export const REAL_LOCATION_KINDS = ['warehouse', 'zone', 'bin'] as const;
/** Created by the migration, one each. Supplier, customer and loss are where goods come from and go to: their balance may go negative. */
export const VIRTUAL_LOCATION_KINDS = ['supplier', 'customer', 'loss', 'transit', 'blocked'] as const;
export const LOCATION_KINDS = [...REAL_LOCATION_KINDS, ...VIRTUAL_LOCATION_KINDS] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];
/** The kind a real location's parent must have. */
export const PARENT_KIND: Record<(typeof REAL_LOCATION_KINDS)[number], LocationKind | null> = { warehouse: null, zone: 'warehouse', bin: 'zone' };

/** Where a move comes from, for the ledger. */
export const STOCK_SOURCE_TYPES = ['manual', 'receipt', 'delivery', 'stocktake', 'transfer', 'quality'] as const;
export type StockSourceType = (typeof STOCK_SOURCE_TYPES)[number];

/** Scale of unit costs and the moving average (numeric(14,4) in Postgres). */
export const COST_SCALE = 4;

/** A whole quantity of the base unit, at least 1. */
export const StockQuantity = z.int({ error: 'must be a whole number' }).min(1, { error: 'must be greater than zero' }).max(1_000_000_000, { error: 'must be at most 1000000000' });
const CountQuantity = z.int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(1_000_000_000, { error: 'must be at most 1000000000' });

const decimalInput = z.union([z.string().trim(), z.number()]).transform((v) => (typeof v === 'number' ? String(v) : v.replace(',', '.')));
/** A non-negative price or cost with up to four places, normalised to four ("12.5" → "12.5000"). */
export const Cost = decimalInput.pipe(
  z
    .string()
    .refine((v) => /^\d{1,10}(\.\d{1,4})?$/.test(v), { error: 'must be an amount with at most four decimal places' })
    .transform((v) => formatFixed(parseScaled(v, COST_SCALE))),
);

/** Units as bigint of COST_SCALE places → "12.3400" (always four places, as Postgres returns numeric(14,4)). */
export function formatFixed(units: bigint): string {
  const text = formatScaled(units, COST_SCALE);
  const [whole = '0', fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(COST_SCALE, '0')}`;
}

/**
 * Moving weighted average cost after a receipt (gleitender Durchschnitt, § 6 EStG allows it):
 * (stock × average + quantity × unit cost) / (stock + quantity), rounded half away from zero to
 * four places. With no stock before, the receipt's cost is the new average.
 */
export function movingAverage(input: { stock: bigint; average: string; quantity: bigint; unitCost: string }): string {
  const stock = input.stock > 0n ? input.stock : 0n;
  const total = stock * parseScaled(input.average, COST_SCALE) + input.quantity * parseScaled(input.unitCost, COST_SCALE);
  return formatFixed(divRound(total, stock + input.quantity));
}

const Unit = z.enum(ARTICLE_UNITS);
const ArticleNumber = plainString()
  .trim()
  .min(1, { error: 'is required' })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'may only contain letters, digits and - _ / .' });

export const AlternativeUnitInput = z.object({
  unit: Unit,
  /** How many base units one of this unit is (a box of 100 pieces: 100). */
  factor: z.int({ error: 'must be a whole number' }).min(2, { error: 'must be at least 2' }).max(1_000_000, { error: 'must be at most 1000000' }),
});
export const SalesPriceInput = z.object({ minQuantity: StockQuantity.default(1), netPrice: Cost });
export const SupplierPriceInput = z.object({
  supplierId: Id,
  supplierArticleNumber: optionalText(60),
  minQuantity: StockQuantity.default(1),
  netPrice: Cost,
});

const articleFields = {
  number: ArticleNumber,
  name: text(200),
  description: optionalText(2000),
  baseUnit: Unit,
  vatRate: TaxRateInput.default(19),
  stockKept: z.boolean({ error: 'must be true or false' }).default(true),
  reorderPoint: CountQuantity.nullish().transform((v) => v ?? null),
  reorderQuantity: StockQuantity.nullish().transform((v) => v ?? null),
  units: z.array(AlternativeUnitInput, { error: 'must be a list' }).max(20, { error: 'must be at most 20' }).default([]),
  salesPrices: z.array(SalesPriceInput, { error: 'must be a list' }).max(50, { error: 'must be at most 50' }).default([]),
  supplierPrices: z.array(SupplierPriceInput, { error: 'must be a list' }).max(50, { error: 'must be at most 50' }).default([]),
};
export const ArticleCreateInput = z.object(articleFields);
export type ArticleCreateInput = z.infer<typeof ArticleCreateInput>;
/** An update sends the whole article again (its lists replace the stored ones). */
export const ArticleUpdateInput = z.object({ id: Id, version: Version, ...articleFields });
export type ArticleUpdateInput = z.infer<typeof ArticleUpdateInput>;

/** What an invoice or quote line selling an article starts with, for a quantity. */
export const ArticleLineDefaultsInput = z.object({ articleId: Id, quantity: StockQuantity.default(1) });
export type ArticleLineDefaultsInput = z.infer<typeof ArticleLineDefaultsInput>;

export const ArticleListInput = Page.extend({ search: optionalText(100) });
export type ArticleListInput = z.infer<typeof ArticleListInput>;

export const LocationCreateInput = z.object({
  kind: z.enum(REAL_LOCATION_KINDS),
  code: ArticleNumber,
  name: text(200),
  parentId: Id.nullish().transform((v) => v ?? null),
});
export type LocationCreateInput = z.infer<typeof LocationCreateInput>;

export const StockMoveInput = z.object({
  articleId: Id,
  fromLocationId: Id,
  toLocationId: Id,
  quantity: StockQuantity,
  /** Only for a receipt from the supplier location; every other move carries the current average. */
  unitCost: Cost.optional(),
  movedOn: date,
  note: optionalText(500),
});
export type StockMoveInput = z.infer<typeof StockMoveInput>;

export const StockListInput = Page.extend({ locationId: Id.optional(), articleId: Id.optional() });
export type StockListInput = z.infer<typeof StockListInput>;

export const MoveListInput = Page.extend({ articleId: Id });
export type MoveListInput = z.infer<typeof MoveListInput>;

/** A stocktake of the chosen real locations (and everything inside them), counted on a day. */
export const StocktakeStartInput = z.object({
  locationIds: z.array(Id, { error: 'must be a list' }).min(1, { error: 'select at least one entry' }).max(500, { error: 'at most 500 at once' }),
  countedOn: date,
});
export type StocktakeStartInput = z.infer<typeof StocktakeStartInput>;

/** What was counted of an article in a bin (a line of the snapshot, or one found there besides). */
export const StocktakeCountInput = z.object({
  stocktakeId: Id,
  locationId: Id,
  articleId: Id,
  countedQuantity: CountQuantity,
});
export type StocktakeCountInput = z.infer<typeof StocktakeCountInput>;

export const StocktakeListInput = Page;
export type StocktakeListInput = z.infer<typeof StocktakeListInput>;
