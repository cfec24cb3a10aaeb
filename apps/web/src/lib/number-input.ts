import { parseDecimalInput, parseMoneyInput, type DecimalInputResult } from '@workmate/domain/money';
import type { Lang } from '../i18n/i18n.tsx';
import type { FieldErrors } from './errors.ts';

/**
 * Every number a person types into the web app goes through the one parser in the domain
 * (`parseDecimalInput`), in the language of the page: "12.500,00" in German, "12,500.00" in
 * English. The schemas then only ever see plain decimal strings ("12500.00").
 */
export const readMoney = (text: string, lang: Lang): DecimalInputResult => parseMoneyInput(text, lang);
/** A unit price: up to four places, at least two, negative for a discount. */
export const readPrice = (text: string, lang: Lang): DecimalInputResult => parseDecimalInput(text, lang, { scale: 4, minPlaces: 2, allowNegative: true });
/** A quantity: up to four places. */
export const readQuantity = (text: string, lang: Lang): DecimalInputResult => parseDecimalInput(text, lang, { scale: 4 });

type Reader = (text: string, lang: Lang) => DecimalInputResult;

/**
 * The form values with the named amount fields read as decimal strings. An empty field stays
 * empty (the schema knows whether it is required); a field that is no number is reported by
 * name, with the parser's message, so the schema never sees text it would have to guess at.
 */
export function readAmountFields<T extends Record<string, unknown>>(
  values: T,
  fields: ReadonlyArray<keyof T & string>,
  lang: Lang,
  read: Reader = readMoney,
): { ok: true; values: T } | { ok: false; errors: FieldErrors } {
  const out: Record<string, unknown> = { ...values };
  const errors: FieldErrors = {};
  for (const field of fields) {
    const text = values[field];
    if (typeof text !== 'string' || text.trim() === '') continue;
    const result = read(text, lang);
    if (result.ok) out[field] = result.value;
    else errors[field] = [result.error];
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: out as T };
}
