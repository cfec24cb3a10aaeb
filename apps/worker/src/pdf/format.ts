// Number and date formatting for printed documents. Amounts arrive as decimal strings and are
// formatted by string manipulation (rounding in bigint), never through a JS float, so what is
// printed is exactly what was stored. Normal spaces (not NBSP) keep the PDF text searchable;
// the template prevents line breaks inside amounts with `white-space: nowrap`.
import type { InvoiceDocumentModel } from '@workmate/domain/invoice-document';

export type Language = InvoiceDocumentModel['language'];

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

interface Digits {
  negative: boolean;
  whole: string;
  fraction: string;
}

/** Rounds half away from zero to `places` fraction digits, on the digit string. */
function roundTo(value: string, places: number): Digits {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`Not a decimal number: "${value}"`);
  const [, sign = '', whole = '0', fraction = ''] = m;
  let scaled = BigInt(whole + fraction.slice(0, places).padEnd(places, '0'));
  // Only the first dropped digit decides half-up rounding.
  if (Number(fraction.charAt(places) || '0') >= 5) scaled += 1n;
  const text = scaled.toString().padStart(places + 1, '0');
  const cut = text.length - places;
  return { negative: sign === '-' && scaled !== 0n, whole: text.slice(0, cut), fraction: text.slice(cut) };
}

/**
 * "1234.5" → "1.234,50" (de) / "1,234.50" (en). Keeps at least `minFraction` digits and at most
 * `maxFraction`, dropping trailing zeros in between.
 */
export function formatNumber(value: string, language: Language, minFraction: number, maxFraction: number): string {
  const { negative, whole, fraction } = roundTo(value, maxFraction);
  let digits = fraction;
  while (digits.length > minFraction && digits.endsWith('0')) digits = digits.slice(0, -1);
  const { group, decimal } = SEPARATORS[language];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${digits ? decimal + digits : ''}`;
}

/** "-1234.5" → "-1.234,50 €" (de) / "-€1,234.50" (en). Unit prices may carry up to 4 places. */
export function formatMoney(value: string, language: Language): string {
  const number = formatNumber(value, language, 2, 4);
  if (language === 'de') return `${number} €`;
  return number.startsWith('-') ? `-€${number.slice(1)}` : `€${number}`;
}

/** "1.5000" → "1,5" (de) / "1.5" (en). */
export function formatQuantity(value: string, language: Language): string {
  return formatNumber(value, language, 0, 4);
}

/** "19.00" → "19 %" (de, DIN 5008 spacing) / "19%" (en). */
export function formatTaxRate(value: string, language: Language): string {
  const number = formatNumber(value, language, 0, 2);
  return language === 'de' ? `${number} %` : `${number}%`;
}

/**
 * "2026-11-20" → "20.11.2026" (de) / "20 Nov 2026" (en). The string's parts are used as they
 * are: going through a Date would shift the day for any time zone west of UTC.
 */
export function formatDate(value: string, language: Language): string {
  const m = ISO_DATE.exec(value);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) throw new Error(`Not a date (YYYY-MM-DD): "${value}"`);
  const [, yyyy, mm, dd] = m;
  if (language === 'de') return `${dd}.${mm}.${yyyy}`;
  return `${day} ${MONTHS_EN[month - 1]} ${yyyy}`;
}
