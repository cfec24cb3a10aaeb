/**
 * DATEV EXTF debtor/creditor master data (format 700, category 16 "Debitoren/Kreditoren",
 * version 5): the personal accounts with name and address. The column line names all 254
 * columns of format version 5 (as DATEV's format description and sample files list them; the
 * importer reads by position) and every row has 254 fields: the leading ones up to "Land" are
 * filled, the rest are left empty for DATEV's defaults.
 */
import { datevText, headerLine, type DatevHeader } from './datev.ts';

export interface DatevPartner {
  number: number;
  name: string;
  vatId: string | null;
  street: string | null;
  zip: string | null;
  city: string | null;
  countryCode: string | null;
}

const bank = (n: number) => [
  `Bankleitzahl ${n}`, `Bankbezeichnung ${n}`, `Bank-Kontonummer ${n}`, `Länderkennzeichen ${n}`, `IBAN-Nr. ${n}`, 'Leerfeld', `SWIFT-Code ${n}`,
  `Abw. Kontoinhaber ${n}`, `Kennz. Hauptbankverb. ${n}`, `Bankverb ${n} Gültig von`, `Bankverb ${n} Gültig bis`,
];
const numbered = (name: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${name} ${from + i}`);

export const MASTER_DATA_COLUMNS: string[] = [
  'Konto', 'Name (Adressatentyp Unternehmen)', 'Unternehmensgegenstand', 'Name (Adressatentyp natürl. Person)', 'Vorname (Adressatentyp natürl. Person)',
  'Name (Adressatentyp keine Angabe)', 'Adressatentyp', 'Kurzbezeichnung', 'EU-Land', 'EU-UStID', 'Anrede', 'Titel/Akad. Grad', 'Adelstitel', 'Namensvorsatz',
  'Adressart', 'Straße', 'Postfach', 'Postleitzahl', 'Ort', 'Land',
  'Versandzusatz', 'Adresszusatz', 'Abweichende Anrede', 'Abw. Zustellbezeichnung 1', 'Abw. Zustellbezeichnung 2', 'Kennz. Korrespondenzadresse',
  'Adresse Gültig von', 'Adresse Gültig bis', 'Telefon', 'Bemerkung (Telefon)', 'Telefon GL', 'Bemerkung (Telefon GL)', 'E-Mail', 'Bemerkung (E-Mail)',
  'Internet', 'Bemerkung (Internet)', 'Fax', 'Bemerkung (Fax)', 'Sonstige', 'Bemerkung (Sonstige)',
  ...[1, 2, 3, 4, 5].flatMap(bank),
  'Leerfeld', 'Briefanrede', 'Grußformel', 'Kunden-/Lief.-Nr.', 'Steuernummer', 'Sprache', 'Ansprechpartner', 'Vertreter', 'Sachbearbeiter', 'Diverse-Konto',
  'Ausgabeziel', 'Währungssteuerung', 'Kreditlimit (Debitor)', 'Zahlungsbedingung', 'Fälligkeit in Tagen (Debitor)', 'Skonto in Prozent (Debitor)',
  'Kreditoren-Ziel 1 Tg.', 'Kreditoren-Skonto 1 %', 'Kreditoren-Ziel 2 Tg.', 'Kreditoren-Skonto 2 %', 'Kreditoren-Ziel 3 Brutto Tg.', 'Kreditoren-Ziel 4 Tg.',
  'Kreditoren-Skonto 4 %', 'Kreditoren-Ziel 5 Tg.', 'Kreditoren-Skonto 5 %', 'Mahnung', 'Kontoauszug', 'Mahntext 1', 'Mahntext 2', 'Mahntext 3',
  'Kontoauszugstext', 'Mahnlimit Betrag', 'Mahnlimit %', 'Zinsberechnung', 'Mahnzinssatz 1', 'Mahnzinssatz 2', 'Mahnzinssatz 3', 'Lastschrift', 'Leerfeld',
  'Mandantenbank', 'Zahlungsträger',
  ...numbered('Indiv. Feld', 1, 15),
  'Abweichende Anrede (Rechnungsadresse)', 'Adressart (Rechnungsadresse)', 'Straße (Rechnungsadresse)', 'Postfach (Rechnungsadresse)',
  'Postleitzahl (Rechnungsadresse)', 'Ort (Rechnungsadresse)', 'Land (Rechnungsadresse)', 'Versandzusatz (Rechnungsadresse)', 'Adresszusatz (Rechnungsadresse)',
  'Abw. Zustellbezeichnung 1 (Rechnungsadresse)', 'Abw. Zustellbezeichnung 2 (Rechnungsadresse)', 'Adresse Gültig von (Rechnungsadresse)',
  'Adresse Gültig bis (Rechnungsadresse)',
  ...[6, 7, 8, 9, 10].flatMap(bank),
  'Nummer Fremdsystem', 'Insolvent',
  ...numbered('SEPA-Mandatsreferenz', 1, 10),
  'Verknüpftes OPOS-Konto', 'Mahnsperre bis', 'Lastschriftsperre bis', 'Zahlungssperre bis', 'Gebührenberechnung', 'Mahngebühr 1', 'Mahngebühr 2', 'Mahngebühr 3',
  'Pauschalenberechnung', 'Verzugspauschale 1', 'Verzugspauschale 2', 'Verzugspauschale 3', 'Alternativer Suchname', 'Status',
  'Anschrift manuell geändert (Korrespondenzadresse)', 'Anschrift individuell (Korrespondenzadresse)', 'Anschrift manuell geändert (Rechnungsadresse)',
  'Anschrift individuell (Rechnungsadresse)', 'Fristberechnung bei Debitor', 'Mahnfrist 1', 'Mahnfrist 2', 'Mahnfrist 3', 'Letzte Frist',
];

/** The columns this export fills (Konto … Land); the other fields of a row stay empty. */
const FILLED = 20;
const EMPTY_TAIL = ';'.repeat(MASTER_DATA_COLUMNS.length - FILLED);

function partnerRow(p: DatevPartner): string {
  const vat = (p.vatId ?? '').replace(/\s+/g, '').toUpperCase();
  const euCountry = /^[A-Z]{2}/.test(vat) ? vat.slice(0, 2) : '';
  return [
    String(p.number), datevText(p.name, 50), '""', '""', '""', '""', '"2"', datevText(p.name, 15), datevText(euCountry, 2), datevText(euCountry ? vat.slice(2) : '', 13),
    '""', '""', '""', '""', '"STR"', datevText(p.street, 36), '""', datevText(p.zip, 10), datevText(p.city, 30), datevText(p.countryCode, 2),
  ].join(';') + EMPTY_TAIL;
}

export function masterDataFile(header: DatevHeader, partners: DatevPartner[]): string {
  const lines = [headerLine(header, { id: 16, name: 'Debitoren/Kreditoren', version: 5 }), MASTER_DATA_COLUMNS.join(';'), ...partners.map(partnerRow)];
  return `${lines.join('\r\n')}\r\n`;
}
