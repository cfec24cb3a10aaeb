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

/** "1234.5" → "1.234,50" (German number format, for documents and CSV). */
export function formatDecimalComma(value: string, options: { grouping?: boolean } = {}): string {
  const text = fromCents(toCents(value));
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
