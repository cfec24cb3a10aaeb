import { describe, expect, it } from 'vitest';
import { buchungsstapel, BUCHUNGSSTAPEL_COLUMNS, type DatevEntry, type DatevHeader, type DatevLine } from './datev.ts';
import { MASTER_DATA_COLUMNS, masterDataFile } from './datev-master.ts';
import { encodeWindows1252 } from './windows-1252.ts';

/**
 * The EXTF files checked against the rules of DATEV's public format description ("DATEV-Format",
 * developer.datev.de; the same rules as the open-source validator seamless-engineering/datev-extf
 * encodes from it): the 31 header fields, 125 columns of Buchungsstapel version 13, 254 of
 * Debitoren/Kreditoren version 5, amounts "1234,56" without sign or thousands separator,
 * Belegdatum TTMM, Belegfeld 1 ≤ 36 of [A-Za-z0-9$&%*+-/], Buchungstext ≤ 60, BU key never on an
 * automatic account, CRLF, Windows-1252.
 */
const HEADER: DatevHeader = { createdAt: { date: '2025-02-03', time: '10:15:30', millis: 7 }, consultantNumber: 29098, clientNumber: 55003, from: '2025-01-01', to: '2025-01-31', chart: 'SKR03' };

const line = (accountNumber: number, amount: bigint, extra: Partial<DatevLine> = {}): DatevLine => ({ accountNumber, amount, taxCode: null, isTax: false, automaticTax: null, anchor: false, vatAccount: false, ...extra });
const ENTRIES: DatevEntry[] = [
  {
    entryDate: '2025-01-05',
    documentNumber: 'RE 2025_0001',
    description: 'Rechnung über eine sehr lange Beschreibung, die länger als sechzig Zeichen ist – wirklich',
    lines: [
      line(10000, 1234567_89n, { anchor: true }),
      line(8400, -1037452_01n, { taxCode: 'UST19', automaticTax: 'UST19' }),
      line(1776, -197115_88n, { taxCode: 'UST19', isTax: true, vatAccount: true }),
    ],
  },
  {
    entryDate: '2025-01-31',
    documentNumber: null,
    description: 'Miete',
    lines: [line(4210, 1000_00n, { taxCode: 'VST19' }), line(1576, 190_00n, { taxCode: 'VST19', isTax: true, vatAccount: true }), line(1200, -1190_00n, { anchor: true })],
  },
];

/** Splits one CSV line at `;` outside quotes. */
function fields(text: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}
const unquote = (v: string) => v.replace(/^"|"$/g, '').replaceAll('""', '"');

describe('DATEV Buchungsstapel (EXTF 700, category 21, version 13)', () => {
  const file = buchungsstapel(HEADER, ENTRIES);
  const lines = file.split('\r\n');

  it('ends every line with CRLF and encodes as Windows-1252', () => {
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(() => encodeWindows1252(file)).not.toThrow();
  });

  it('writes the 31 header fields in their places', () => {
    const h = fields(lines[0] ?? '');
    expect(h).toHaveLength(31);
    expect(h.slice(0, 5)).toEqual(['"EXTF"', '700', '21', '"Buchungsstapel"', '13']);
    expect(h[5]).toBe('20250203101530007'); // Erzeugt am: YYYYMMDDHHMMSSmmm
    expect(h[7]).toBe('"RE"'); // Herkunft
    expect(h.slice(10, 16)).toEqual(['29098', '55003', '20250101', '4', '20250101', '20250131']); // Berater, Mandant, WJ-Beginn, Sachkontenlänge, Datum vom/bis
    expect(h[16]).toBe('"Buchungsstapel"'); // Bezeichnung (≤ 30)
    expect(h[17]).toBe('""'); // Diktatkürzel
    expect(h.slice(18, 22)).toEqual(['1', '0', '0', '"EUR"']); // Buchungstyp Fibu, Rechnungslegungszweck, Festschreibung off, WKZ
    expect(h[26]).toBe('"03"'); // Sachkontenrahmen
  });

  it('writes the 125 column names of version 13 and 125 fields per row', () => {
    expect(BUCHUNGSSTAPEL_COLUMNS).toHaveLength(125);
    expect(fields(lines[1] ?? '')).toEqual(BUCHUNGSSTAPEL_COLUMNS);
    expect(BUCHUNGSSTAPEL_COLUMNS.slice(0, 14)).toEqual([
      'Umsatz (ohne Soll/Haben-Kz)', 'Soll/Haben-Kennzeichen', 'WKZ Umsatz', 'Kurs', 'Basis-Umsatz', 'WKZ Basis-Umsatz', 'Konto',
      'Gegenkonto (ohne BU-Schlüssel)', 'BU-Schlüssel', 'Belegdatum', 'Belegfeld 1', 'Belegfeld 2', 'Skonto', 'Buchungstext',
    ]);
    expect(BUCHUNGSSTAPEL_COLUMNS.slice(113, 125)).toEqual([
      'Festschreibung', 'Leistungsdatum', 'Datum Zuord. Steuerperiode', 'Fälligkeit', 'Generalumkehr (GU)', 'Steuersatz', 'Land', 'Abrechnungsreferenz',
      'BVV-Position', 'EU-Land u. UStID (Ursprung)', 'EU-Steuersatz (Ursprung)', 'Abw. Skontokonto',
    ]);
    const rows = lines.slice(2, -1);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(fields(row)).toHaveLength(125);
  });

  it('writes rows DATEV accepts: gross amount with a decimal comma, S/H, TTMM, clean Belegfeld 1, text ≤ 60, BU key off automatic accounts', () => {
    const [sale, rent] = lines.slice(2, 4).map(fields) as [string[], string[]];
    // The sale: gross 1,234,567.89 on the automatic revenue account 8400, credit, no BU key.
    expect(sale.slice(0, 10)).toEqual(['1234567,89', '"H"', '"EUR"', '', '', '', '8400', '10000', '""', '0501']);
    expect(sale[10]).toBe('"RE20250001"');
    expect(unquote(sale[13] ?? '').length).toBeLessThanOrEqual(60);
    // Rent on a non-automatic account: BU 9 (input VAT 19 %), debit, TTMM with leading zero.
    expect(rent.slice(0, 10)).toEqual(['1190,00', '"S"', '"EUR"', '', '', '', '4210', '1200', '"9"', '3101']);
    for (const row of [sale, rent]) {
      expect(row[0]).toMatch(/^\d{1,10},\d{2}$/);
      expect(unquote(row[10] ?? '')).toMatch(/^[A-Za-z0-9$&%*+\-/]{0,36}$/);
      expect(row[9]).toMatch(/^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])$/);
    }
  });
});

describe('DATEV Debitoren/Kreditoren (EXTF 700, category 16, version 5)', () => {
  const file = masterDataFile(HEADER, [{ number: 70000, name: 'Wiener Beratung GmbH', vatId: 'ATU12345678', street: 'Ring 1', zip: '1010', city: 'Wien', countryCode: 'AT' }]);
  const lines = file.split('\r\n');

  it('writes the header without a date range, all 254 column names and 254 fields per row', () => {
    const h = fields(lines[0] ?? '');
    expect(h).toHaveLength(31);
    expect(h.slice(0, 5)).toEqual(['"EXTF"', '700', '16', '"Debitoren/Kreditoren"', '5']);
    expect(h.slice(13, 16)).toEqual(['4', '', '']);
    expect(MASTER_DATA_COLUMNS).toHaveLength(254);
    expect(fields(lines[1] ?? '')).toEqual(MASTER_DATA_COLUMNS);
    expect([MASTER_DATA_COLUMNS[44], MASTER_DATA_COLUMNS[46], MASTER_DATA_COLUMNS[100], MASTER_DATA_COLUMNS[253]]).toEqual(['IBAN-Nr. 1', 'SWIFT-Code 1', 'Sprache', 'Letzte Frist']);
    const row = fields(lines[2] ?? '');
    expect(row).toHaveLength(254);
    // Account of length Sachkontenlänge + 1, company addressee, EU country and VAT ID apart.
    expect(row.slice(0, 10)).toEqual(['70000', '"Wiener Beratung GmbH"', '""', '""', '""', '""', '"2"', '"Wiener Beratung"', '"AT"', '"U12345678"']);
    expect(row.slice(14, 20)).toEqual(['"STR"', '"Ring 1"', '""', '"1010"', '"Wien"', '"AT"']);
    expect(file.endsWith('\r\n')).toBe(true);
  });
});
