/**
 * Money is exact: amounts travel as decimal strings ("1234.50", as Postgres numeric returns them)
 * and are computed in integer cents (bigint). Never a JS float.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

export function isMoneyString(value: string): boolean {
  return DECIMAL.test(value);
}

/** "85.5" → 8550n. Throws on anything that is not a decimal with at most two places. */
export function toCents(value: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`Not an amount: ${value}`);
  const cents = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** 8550n → "85.50" */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Numerator / denominator rounded half away from zero (commercial rounding). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/**
 * "1234.5" → "1.234,50" (German number format, for documents and CSV). Two places at least; a
 * unit price with more (up to four) keeps them: "1.2605" → "1,2605".
 */
export function formatDecimalComma(value: string, options: { grouping?: boolean } = {}): string {
  const text = trimDecimal(value.trim(), 2);
  const [whole = '0', fraction = '00'] = text.replace('-', '').split('.');
  const grouped = options.grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : whole;
  return `${text.startsWith('-') ? '-' : ''}${grouped},${fraction}`;
}

/**
 * A decimal string as an integer of `scale` decimal places: parseScaled("1.5", 4) → 15000n.
 * Throws when the value has more places than `scale` (nothing is silently rounded away).
 */
export function parseScaled(value: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`Not a decimal number: ${value}`);
  const fraction = m[3] ?? '';
  if (fraction.length > scale) throw new Error(`${value} has more than ${scale} decimal places`);
  const units = BigInt(m[2] ?? '0') * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return m[1] === '-' ? -units : units;
}

/** The inverse of parseScaled, without trailing zeros in the fraction: (15000n, 4) → "1.5". */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(scale);
  const fraction = (abs % base).toString().padStart(scale, '0').replace(/0+$/, '');
  const text = fraction ? `${abs / base}.${fraction}` : `${abs / base}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/**
 * A price or quantity as stored with four places, shown with the places it has but at least
 * `minPlaces`: ("1.2605", 2) → "1.2605", ("120.0000", 2) → "120.00", ("1.5000", 0) → "1.5".
 */
export function trimDecimal(value: string, minPlaces: number, scale = 4): string {
  const text = formatScaled(parseScaled(String(value), scale), scale);
  const [whole = '0', fraction = ''] = text.split('.');
  const places = fraction.padEnd(minPlaces, '0');
  return places ? `${whole}.${places}` : whole;
}

export type NumberLocale = 'de' | 'en';

/** What a person typed into a number field: the decimal string it means, or why it means nothing. */
export type DecimalInputResult = { ok: true; value: string } | { ok: false; error: string };

export interface DecimalInputOptions {
  /** Most decimal places accepted (2 for amounts, 4 for unit prices and quantities). */
  scale: number;
  /** Places the result always shows ("12" → "12.00" with 2). */
  minPlaces?: number;
  /** A discount line's unit price may be negative; amounts may not. */
  allowNegative?: boolean;
}

const SEPARATORS: Record<NumberLocale, { decimal: string; group: string; example: string }> = {
  de: { decimal: ',', group: '.', example: '12.500,00' },
  en: { decimal: '.', group: ',', example: '12,500.00' },
};

const PLACES_MESSAGE: Record<number, string> = {
  2: 'must be an amount with at most two decimal places',
  4: 'must be a number with at most four decimal places',
};

/**
 * Reads a number as people type it in the web app's language, with or without thousands
 * separators: de "12.500,00", "12500,00", "1.000" (thousands), "12,5"; en "12,500.00", "12500.5".
 * A lone separator that cannot be a thousands separator is read as the decimal one ("12.5" in
 * German, "12,5" in English), because that is what people mean by it. Anything ambiguous
 * ("1.2.3,4", "12,500,00", "1.00.000") is refused rather than guessed. The result is a plain
 * decimal string ("12500.00") for the schemas in `schemas/`, which never guess a locale.
 */
export function parseDecimalInput(input: string, locale: NumberLocale, options: DecimalInputOptions): DecimalInputResult {
  const { decimal, group, example } = SEPARATORS[locale];
  const invalid = { ok: false as const, error: `must be a number such as ${example}` };
  // A currency sign around the number and spaces (also the no-break ones a copy from a PDF brings) are tolerated.
  let text = input.replace(/[\s\u00A0\u202F]+/g, ' ').trim().replace(/^€\s*/, '').replace(/\s*(€|EUR)$/i, '').trim();
  if (text === '') return { ok: false, error: 'is required' };
  const negative = /^[-\u2212]/.test(text);
  if (negative) text = text.slice(1).trim();
  if (negative && !options.allowNegative) return { ok: false, error: 'must not be negative' };
  // Spaces between digits group thousands like the locale's separator does ("12 500,00").
  text = text.replace(/(?<=\d) (?=\d)/g, group);
  if (!/^[\d.,]+$/.test(text)) return invalid;

  const g = group === '.' ? '\\.' : group;
  // Thousands groups: 1 to 3 digits (not starting with 0), then groups of exactly three.
  const grouped = new RegExp(`^[1-9]\\d{0,2}(${g}\\d{3})+$`);
  let whole = text;
  let fraction = '';
  const decimals = text.split(decimal).length - 1;
  if (decimals > 1) return { ok: false, error: `must contain at most one decimal separator, as in ${example}` };
  if (decimals === 1) {
    [whole = '', fraction = ''] = text.split(decimal);
    if (!/^\d+$/.test(fraction)) return invalid;
  } else if (text.split(group).length - 1 === 1 && !grouped.test(text)) {
    // "12.5" (de) / "12,5" (en): one separator that cannot group thousands is a decimal point.
    [whole = '', fraction = ''] = text.split(group);
    if (!/^\d+$/.test(fraction)) return invalid;
  }
  if (whole.includes(group) && !grouped.test(whole)) {
    return { ok: false, error: `has thousands separators in the wrong place; write groups of three digits, as in ${example}` };
  }
  whole = whole.split(group).join('');
  if (whole === '' && fraction === '') return invalid;
  if (!/^\d*$/.test(whole)) return invalid;
  if (fraction.length > options.scale) return { ok: false, error: PLACES_MESSAGE[options.scale] ?? `must have at most ${options.scale} decimal places` };
  const places = fraction.padEnd(options.minPlaces ?? 0, '0');
  const value = `${BigInt(whole || '0')}${places ? `.${places}` : ''}`;
  return { ok: true, value: negative && /[1-9]/.test(value) ? `-${value}` : value };
}

/** An amount in euros as typed (see parseDecimalInput): two places at most, always two in the result. */
export function parseMoneyInput(input: string, locale: NumberLocale): DecimalInputResult {
  return parseDecimalInput(input, locale, { scale: 2, minPlaces: 2 });
}
