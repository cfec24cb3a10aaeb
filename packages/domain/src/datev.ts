/**
 * DATEV EXTF Buchungsstapel (format 700, category 21, version 13), pure: the header line, the
 * column line and one row per Konto/Gegenkonto pair. Rules:
 * - gross amounts: a VAT line is added to the net line(s) with its tax code (DATEV computes the
 *   VAT again from the BU key or the automatic account);
 * - BU key only where the account is not an automatic account for the line's tax code;
 *   tax-free codes need none (their account says what they are);
 * - a compound entry is split: with one personal/bank/cash line, every other line is a row
 *   against it; otherwise debits and credits are paired in order;
 * - `;` separated, decimal comma, amounts without sign (S/H says the side), CRLF; the caller
 *   encodes the text as Windows-1252.
 */
import type { TaxCode } from './bookkeeping.ts';
import { DOCUMENT_NUMBER_MAX, POSTING_TEXT_MAX } from './bookkeeping.ts';
import { formatDecimalComma, fromCents } from './money.ts';

export interface DatevLine {
  accountNumber: number;
  /** Cents, debit positive. */
  amount: bigint;
  taxCode: TaxCode | null;
  isTax: boolean;
  /** The account's automatic VAT (accounts.automatic_tax). */
  automaticTax: string | null;
  /** A personal (debtor/creditor), bank or cash account: the other lines are booked against it. */
  anchor: boolean;
  /** A VAT account (the home of the tax lines). */
  vatAccount: boolean;
}

export interface DatevEntry {
  entryDate: string;
  documentNumber: string | null;
  description: string;
  lines: DatevLine[];
}

export interface DatevHeader {
  /** Berlin wall clock of the export. */
  createdAt: { date: string; time: string; millis: number };
  consultantNumber: number;
  clientNumber: number;
  from: string;
  to: string;
  chart: 'SKR03' | 'SKR04';
}

/** BU keys (Buchungsschlüssel) DATEV uses for the codes with VAT. */
const BU_KEYS: Partial<Record<TaxCode, string>> = { UST19: '3', UST7: '2', VST19: '9', VST7: '8', RC_EU: '46', RC_DOM: '94' };

export const BUCHUNGSSTAPEL_COLUMNS: string[] = [
  'Umsatz (ohne Soll/Haben-Kz)', 'Soll/Haben-Kennzeichen', 'WKZ Umsatz', 'Kurs', 'Basis-Umsatz', 'WKZ Basis-Umsatz', 'Konto', 'Gegenkonto (ohne BU-Schlüssel)',
  'BU-Schlüssel', 'Belegdatum', 'Belegfeld 1', 'Belegfeld 2', 'Skonto', 'Buchungstext', 'Postensperre', 'Diverse Adressnummer', 'Geschäftspartnerbank',
  'Sachverhalt', 'Zinssperre', 'Beleglink',
  ...Array.from({ length: 8 }, (_, i) => [`Beleginfo - Art ${i + 1}`, `Beleginfo - Inhalt ${i + 1}`]).flat(),
  'KOST1 - Kostenstelle', 'KOST2 - Kostenstelle', 'Kost-Menge', 'EU-Land u. UStID (Bestimmung)', 'EU-Steuersatz (Bestimmung)', 'Abw. Versteuerungsart',
  'Sachverhalt L+L', 'Funktionsergänzung L+L', 'BU 49 Hauptfunktionstyp', 'BU 49 Hauptfunktionsnummer', 'BU 49 Funktionsergänzung',
  ...Array.from({ length: 20 }, (_, i) => [`Zusatzinformation - Art ${i + 1}`, `Zusatzinformation- Inhalt ${i + 1}`]).flat(),
  'Stück', 'Gewicht', 'Zahlweise', 'Forderungsart', 'Veranlagungsjahr', 'Zugeordnete Fälligkeit', 'Skontotyp', 'Auftragsnummer', 'Buchungstyp',
  'USt-Schlüssel (Anzahlungen)', 'EU-Land (Anzahlungen)', 'Sachverhalt L+L (Anzahlungen)', 'EU-Steuersatz (Anzahlungen)', 'Erlöskonto (Anzahlungen)',
  'Herkunft-Kz', 'Buchungs GUID', 'KOST-Datum', 'SEPA-Mandatsreferenz', 'Skontosperre', 'Gesellschaftername', 'Beteiligtennummer',
  'Identifikationsnummer', 'Zeichnernummer', 'Postensperre bis', 'Bezeichnung SoBil-Sachverhalt', 'Kennzeichen SoBil-Buchung', 'Festschreibung',
  'Leistungsdatum', 'Datum Zuord. Steuerperiode', 'Fälligkeit', 'Generalumkehr (GU)', 'Steuersatz', 'Land', 'Abrechnungsreferenz', 'BVV-Position',
  'EU-Land u. UStID (Ursprung)', 'EU-Steuersatz (Ursprung)', 'Abw. Skontokonto',
];

const ymd = (day: string) => day.replaceAll('-', '');
/** A text field: quoted, quotes doubled, one line, cut to `max`. */
export const datevText = (value: string | null, max: number) => `"${(value ?? '').replace(/[\r\n\t]+/g, ' ').trim().slice(0, max).trimEnd().replaceAll('"', '""')}"`;
/** Belegfeld 1 takes only letters, digits and `$ & % * + - /`. */
const documentField = (value: string | null) => datevText((value ?? '').replace(/[^A-Za-z0-9$&%*+\-/]/g, ''), DOCUMENT_NUMBER_MAX);

export function headerLine(h: DatevHeader, category: { id: 21 | 16; name: string; version: number }): string {
  const stamp = `${ymd(h.createdAt.date)}${h.createdAt.time.replaceAll(':', '')}${String(h.createdAt.millis).padStart(3, '0')}`;
  const year = h.from.slice(0, 4);
  const batch = category.id === 21;
  return [
    '"EXTF"', '700', String(category.id), `"${category.name}"`, String(category.version), stamp, '', '"RE"', '""', '""',
    String(h.consultantNumber), String(h.clientNumber), `${year}0101`, '4', batch ? ymd(h.from) : '', batch ? ymd(h.to) : '',
    batch ? '"Buchungsstapel"' : '""', '""', batch ? '1' : '', batch ? '0' : '', batch ? '0' : '', batch ? '"EUR"' : '""', '', '""', '', '',
    h.chart === 'SKR04' ? '"04"' : '"03"', '', '', '""', '""',
  ].join(';');
}

/** VAT lines added to their net lines (proportionally when a code has several), zero lines dropped. */
export function grossLines(lines: DatevLine[]): DatevLine[] {
  const out = lines.map((l) => ({ ...l }));
  const result: DatevLine[] = [];
  for (const line of out) {
    if (!line.isTax) continue;
    const targets = out.filter((t) => !t.isTax && !t.vatAccount && t.taxCode === line.taxCode);
    const total = targets.reduce((s, t) => s + t.amount, 0n);
    if (targets.length === 0 || total === 0n) continue;
    let left = line.amount;
    targets.forEach((t, i) => {
      const share = i === targets.length - 1 ? left : (line.amount * t.amount) / total;
      t.amount += share;
      left -= share;
    });
    line.amount = 0n;
  }
  for (const l of out) if (l.amount !== 0n) result.push(l);
  return result;
}

interface Row {
  konto: DatevLine;
  gegen: DatevLine;
  /** Cents from the Konto's side: positive = Soll. */
  amount: bigint;
}

/** Konto/Gegenkonto pairs of one entry. */
export function splitEntry(lines: DatevLine[]): Row[] {
  const anchors = lines.filter((l) => l.anchor);
  if (anchors.length === 1) {
    const anchor = anchors[0] as DatevLine;
    return lines.filter((l) => l !== anchor).map((l) => ({ konto: l, gegen: anchor, amount: l.amount }));
  }
  const debits = lines.filter((l) => l.amount > 0n).map((l) => ({ line: l, left: l.amount }));
  const credits = lines.filter((l) => l.amount < 0n).map((l) => ({ line: l, left: -l.amount }));
  const rows: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < debits.length && j < credits.length) {
    const d = debits[i] as (typeof debits)[number];
    const c = credits[j] as (typeof credits)[number];
    const amount = d.left < c.left ? d.left : c.left;
    // The personal/bank side is the Gegenkonto where there is one.
    if (d.line.anchor && !c.line.anchor) rows.push({ konto: c.line, gegen: d.line, amount: -amount });
    else rows.push({ konto: d.line, gegen: c.line, amount });
    d.left -= amount;
    c.left -= amount;
    if (d.left === 0n) i++;
    if (c.left === 0n) j++;
  }
  return rows;
}

function buKey(row: Row): string {
  const carrier = row.konto.taxCode ? row.konto : row.gegen;
  const code = carrier.taxCode;
  if (!code || carrier.automaticTax === code) return '';
  return BU_KEYS[code] ?? '';
}

const EMPTY_TAIL = ';'.repeat(BUCHUNGSSTAPEL_COLUMNS.length - 14);

export function entryRows(entry: DatevEntry): string[] {
  const belegdatum = `${entry.entryDate.slice(8, 10)}${entry.entryDate.slice(5, 7)}`;
  return splitEntry(grossLines(entry.lines)).map((row) => {
    const abs = row.amount < 0n ? -row.amount : row.amount;
    return [
      formatDecimalComma(fromCents(abs)), row.amount < 0n ? '"H"' : '"S"', '"EUR"', '', '', '', String(row.konto.accountNumber), String(row.gegen.accountNumber),
      `"${buKey(row)}"`, belegdatum, documentField(entry.documentNumber), '""', '', datevText(entry.description, POSTING_TEXT_MAX),
    ].join(';') + EMPTY_TAIL;
  });
}

/** The whole Buchungsstapel as text (CRLF line ends, a CRLF after the last row). */
export function buchungsstapel(header: DatevHeader, entries: DatevEntry[]): string {
  const lines = [headerLine(header, { id: 21, name: 'Buchungsstapel', version: 13 }), BUCHUNGSSTAPEL_COLUMNS.join(';'), ...entries.flatMap(entryRows)];
  return `${lines.join('\r\n')}\r\n`;
}
