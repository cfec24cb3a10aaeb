/**
 * DATEV EXTF debtor/creditor master data (format 700, category 16 "Debitoren/Kreditoren",
 * version 5): the personal accounts with name and address. Only the leading columns up to
 * "Land" are written (DATEV fills the rest with its defaults).
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

export const MASTER_DATA_COLUMNS = [
  'Konto', 'Name (Adressatentyp Unternehmen)', 'Unternehmensgegenstand', 'Name (Adressatentyp natürl. Person)', 'Vorname (Adressatentyp natürl. Person)',
  'Name (Adressatentyp keine Angabe)', 'Adressatentyp', 'Kurzbezeichnung', 'EU-Land', 'EU-UStID', 'Anrede', 'Titel/Akad. Grad', 'Adelstitel', 'Namensvorsatz',
  'Adressart', 'Straße', 'Postfach', 'Postleitzahl', 'Ort', 'Land',
];

function partnerRow(p: DatevPartner): string {
  const vat = (p.vatId ?? '').replace(/\s+/g, '').toUpperCase();
  const euCountry = /^[A-Z]{2}/.test(vat) ? vat.slice(0, 2) : '';
  return [
    String(p.number), datevText(p.name, 50), '""', '""', '""', '""', '"2"', datevText(p.name, 15), datevText(euCountry, 2), datevText(euCountry ? vat.slice(2) : '', 13),
    '""', '""', '""', '""', '"STR"', datevText(p.street, 36), '""', datevText(p.zip, 10), datevText(p.city, 30), datevText(p.countryCode, 2),
  ].join(';');
}

export function masterDataFile(header: DatevHeader, partners: DatevPartner[]): string {
  const lines = [headerLine(header, { id: 16, name: 'Debitoren/Kreditoren', version: 5 }), MASTER_DATA_COLUMNS.join(';'), ...partners.map(partnerRow)];
  return `${lines.join('\r\n')}\r\n`;
}
