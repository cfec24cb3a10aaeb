import { z } from 'zod';

/**
 * Keyset ("cursor") pagination. A cursor is opaque to clients: base64url JSON of the sort, the
 * direction and the last row's key (its sort value, then the tie-breakers, all as text). The
 * next page is then `where (key) > (values)` on an index instead of an ever larger offset.
 */

/** What one value of a key is; `?` marks a sort value that may be null. */
export type KeyKind = 'text' | 'text?' | 'id' | 'instant' | 'date?' | 'int?' | 'decimal';

export type SortDirection = 'asc' | 'desc';

export interface Cursor {
  sort: string;
  direction: SortDirection;
  /** The sort value first (null for a row without one), then the tie-breakers. */
  key: Array<string | null>;
}

const FORMATS: Record<string, RegExp> = {
  // Anything but NUL, which no stored text has and Postgres refuses as a parameter (a 500).
  text: /^[^\u0000]{0,1000}$/,
  id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  // As Postgres prints a timestamptz (`::text`), so that microseconds survive the round trip.
  instant: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  int: /^-?\d{1,9}$/,
  decimal: /^-?\d{1,14}(\.\d{1,4})?$/,
};

function valueFits(kind: KeyKind, value: unknown): boolean {
  const nullable = kind.endsWith('?');
  if (value === null) return nullable;
  return typeof value === 'string' && (FORMATS[kind.replace('?', '')] as RegExp).test(value);
}

// btoa/atob rather than Buffer: the web app imports these schemas too.
function toBase64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(cursor: Cursor): string {
  return toBase64url(JSON.stringify({ s: cursor.sort, d: cursor.direction, k: cursor.key }));
}

/** The decoded cursor, or null when it is not one we made for one of these sorts. */
export function decodeCursor(text: string, layouts: Record<string, readonly KeyKind[]>): Cursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64url(text));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { s, d, k } = parsed as Record<string, unknown>;
  if (typeof s !== 'string' || !Object.hasOwn(layouts, s) || (d !== 'asc' && d !== 'desc') || !Array.isArray(k)) return null;
  const layout = layouts[s] as readonly KeyKind[];
  if (k.length !== layout.length || !layout.every((kind, i) => valueFits(kind, k[i]))) return null;
  return { sort: s, direction: d, key: k as Array<string | null> };
}

/**
 * The optional `cursor` field of a list input: a string from the previous page's `nextCursor`,
 * decoded and checked here, so a malformed one is a 400 naming `cursor`.
 */
export function cursorField(layouts: Record<string, readonly KeyKind[]>) {
  return z
    .string()
    .max(4000, { error: 'is not a cursor from this list (too long)' })
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      const cursor = decodeCursor(text, layouts);
      if (!cursor) {
        ctx.addIssue({ code: 'custom', message: "is not a valid cursor; pass the previous page's nextCursor unchanged" });
        return z.NEVER;
      }
      return cursor;
    });
}

/** A cursor belongs to one sort and direction: with any other it would skip or repeat rows. */
export function cursorMatchesSort(v: { cursor?: Cursor | undefined; sort: string; direction: SortDirection }, ctx: z.RefinementCtx) {
  if (v.cursor && (v.cursor.sort !== v.sort || v.cursor.direction !== v.direction)) {
    ctx.addIssue({
      code: 'custom',
      path: ['cursor'],
      message: `was made for the sort "${v.cursor.sort}" ${v.cursor.direction}, not "${v.sort}" ${v.direction}; start again without a cursor`,
    });
  }
}
