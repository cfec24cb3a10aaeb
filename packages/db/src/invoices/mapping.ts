import { formatScaled, parseScaled, trimDecimal } from '@workmate/domain/money';
import { outstandingAfterCredits } from '@workmate/domain/credit-notes';
import { QUANTITY_SCALE } from '@workmate/domain/invoice-totals';
import type { TaxRate } from '@workmate/domain/enums';
import { moneyText } from '../shared/format.ts';

/** numeric(14,4) "1.5000" → "1.5" */
export const quantityText = (v: string): string => formatScaled(parseScaled(String(v), QUANTITY_SCALE), QUANTITY_SCALE);

/** A unit price, numeric(14,4): the places it has, at least two ("1.2605", "120.0000" → "120.00"). */
export const priceText = (v: unknown): string => trimDecimal(String(v ?? '0'), 2);

export const taxRateOf = (v: unknown): TaxRate => Number(v) as TaxRate;

/** What is still owed: the gross less payments and finalized credit notes (`credited`); nothing once paid (a Skonto settles the rest). */
export const outstandingOf = (type: string, status: string, gross: unknown, paid: unknown, credited: unknown = '0'): string =>
  type === 'invoice' && status !== 'draft' && status !== 'cancelled' && status !== 'paid' ? outstandingAfterCredits(moneyText(gross), moneyText(credited), moneyText(paid)) : '0.00';
