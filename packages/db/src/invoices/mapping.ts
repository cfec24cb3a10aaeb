import { formatScaled, parseScaled, trimDecimal } from '@workmate/domain/money';
import { outstandingAmount } from '@workmate/domain/invoice-lifecycle';
import { QUANTITY_SCALE } from '@workmate/domain/invoice-totals';
import type { TaxRate } from '@workmate/domain/enums';

/** Date columns come back as 'YYYY-MM-DD' strings (or Dates from some drivers paths). */
export const dateOnly = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** numeric(14,4) "1.5000" → "1.5" */
export const quantityText = (v: string): string => formatScaled(parseScaled(String(v), QUANTITY_SCALE), QUANTITY_SCALE);

/** A unit price, numeric(14,4): the places it has, at least two ("1.2605", "120.0000" → "120.00"). */
export const priceText = (v: unknown): string => trimDecimal(String(v ?? '0'), 2);

/** numeric(…,2) as returned by Postgres, normalised to two places ("12" → "12.00"). */
export const moneyText = (v: unknown): string => {
  const text = String(v ?? '0');
  const [whole = '0', fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
};

export const taxRateOf = (v: unknown): TaxRate => Number(v) as TaxRate;

export const outstandingOf = (type: string, status: string, gross: unknown, paid: unknown): string =>
  type === 'invoice' && status !== 'draft' && status !== 'cancelled' ? outstandingAmount(moneyText(gross), moneyText(paid)) : '0.00';

export const personName = (e: { firstName: string; lastName: string } | null | undefined) => (e ? `${e.firstName} ${e.lastName}` : null);
