import { z } from 'zod';

export const Id = z.uuid({ error: 'must be a valid id' });
export const IdInput = z.object({ id: Id });
export type IdInput = z.infer<typeof IdInput>;

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Half of a UTF-16 surrogate pair, without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every text input starts here: a string without control characters. Postgres refuses NUL in
 * text (which would be a 500, not a 400), and nothing a person types into a form contains them;
 * tabs and line breaks stay allowed.
 */
export const plainString = () =>
  z
    .string()
    .refine((v) => !CONTROL_CHARACTERS.test(v), { error: 'must not contain control characters (such as NUL)' })
    // Half of a UTF-16 surrogate pair cannot be stored as text; it would silently become "�".
    .refine((v) => !LONE_SURROGATE.test(v), { error: 'must be valid text (it contains a broken character)' });

/** A required single-line text, trimmed. */
export const text = (max: number) => plainString().trim().min(1, { error: 'is required' }).max(max, { error: `must be at most ${max} characters` });

/** An optional text: empty strings from forms become null. */
export const optionalText = (max: number) =>
  plainString()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .nullish()
    .transform((v) => (v === '' || v === undefined ? null : v));

/** ISO 3166-1 alpha-2 country code, upper-cased ("de" → "DE"). */
export const CountryCode = plainString()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: 'must be a two-letter country code such as DE' });

export const optionalEmail = z
  .union([z.literal(''), z.email({ error: 'must be a valid email address' }).max(254)])
  .nullish()
  .transform((v) => (v === '' || v == null ? null : v.toLowerCase()));

/** Calendar date as `YYYY-MM-DD`. */
export const optionalDate = z
  .union([z.literal(''), z.iso.date({ error: 'must be a date (YYYY-MM-DD)' })])
  .nullish()
  .transform((v) => (v === '' || v === undefined ? null : v));

export const Page = z.object({
  page: z.int().min(1).max(100_000).default(1),
  pageSize: z.int().min(1).max(200).default(25),
});

export const SortDirection = z.enum(['asc', 'desc']).default('asc');

export interface PageResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page of a list that also pages by cursor (see cursor.ts). */
export interface CursorPageResult<T> extends PageResult<T> {
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Optimistic concurrency: a client that sends the version it saw gets CONFLICT if someone saved in between. */
export const Version = z.int().min(1).max(2_147_483_647, { error: 'must be at most 2147483647' }).optional();

/**
 * A non-negative amount in euros as a decimal string with at most two places ("85.50"). Numbers
 * are accepted from scripts and turned into that string; never used as floats.
 */
export const money = (max = 99_999_999) =>
  z
    .union([z.string().trim(), z.number()])
    .transform((v) => (typeof v === 'number' ? String(v) : v.replace(',', '.')))
    .pipe(
      z
        .string()
        .refine((v) => !v.startsWith('-'), { error: 'must not be negative' })
        .refine((v) => /^\d+(\.\d{1,2})?$/.test(v), { error: 'must be an amount with at most two decimal places' })
        .refine((v) => Number(v.split('.')[0]) <= max, { error: `must be at most ${max}` })
        // Always two places, as Postgres returns numeric(…, 2): "95" → "95.00".
        .transform((v) => {
          const [whole = '0', fraction = ''] = v.split('.');
          return `${BigInt(whole)}.${fraction.padEnd(2, '0')}`;
        }),
    );

export const optionalMoney = (max = 99_999_999) =>
  z
    .preprocess((v) => (v === '' ? null : v), money(max).nullish())
    .transform((v) => (v === undefined ? null : v));

/** A calendar date as `YYYY-MM-DD` (required). */
export const date = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
/** An instant with its UTC offset, ISO 8601. */
export const instant = z.iso.datetime({ offset: true, error: 'must be a date and time (ISO 8601)' });

/** A create shape with every field optional and its default dropped. */
export type UpdateShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer I> ? I : T[K]> };

/**
 * The fields of an update: every field optional, and no defaults. A field left out stays as it
 * is; zod's `.partial()` would still fill in the create defaults (and so reset, say, a
 * customer's status on every rename).
 */
export function updateFields<T extends z.ZodRawShape>(shape: T): UpdateShape<T> {
  // Object.fromEntries forgets the keys and the per-key types, so the result is restated (via unknown,
  // the only cast TypeScript accepts here); the map keeps every key and only adds `.optional()`.
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()]),
  ) as unknown as UpdateShape<T>;
}
