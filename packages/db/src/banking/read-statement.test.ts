import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '@workmate/domain/errors';
import { readBankStatement } from './read-statement.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../tests/fixtures/bank/${name}`, import.meta.url)));
const issueOf = (bytes: Uint8Array | string) => {
  try {
    readBankStatement(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
  } catch (error) {
    if (error instanceof AppError) return error.issue;
    throw error;
  }
  throw new Error('expected a refusal');
};
const row = (e: { bankReference: string; bookingDate: string; valueDate: string | null; amount: string; counterpartyName: string | null; counterpartyIban: string | null; remittance: string | null }) =>
  [e.bankReference, e.bookingDate, e.valueDate, e.amount, e.counterpartyName, e.counterpartyIban, e.remittance];

describe('reading bank statement files', () => {
  it('reads a camt.053.001.02 statement exactly: booked entries only, credits positive, debits negative', () => {
    const read = readBankStatement(fixture('camt053-001-02.xml'));
    expect(read).toMatchObject({ format: 'camt053', version: 'camt.053.001.02', accountIban: 'DE02120300000000202051', currency: 'EUR', statementIds: ['2026-11-30-00047'], openingBalance: '12345.67', closingBalance: '11316.77' });
    expect(read.entries.map(row)).toEqual([
      ['2026112300012345', '2026-11-23', '2026-11-23', '1190.00', 'Bäckerei Schmitt GmbH', 'DE75512108001245126199', 'RE-2026-0101 Wartung Kassensystem Filiale Nord'],
      ['2026112400077310', '2026-11-24', '2026-11-24', '-89.90', 'Telekom Deutschland GmbH', 'DE02500105170137075030', 'Kundennummer 123456789 Rechnung 11/2026 Festnetz und Internet'],
      ['2026112600020111', '2026-11-26', '2026-11-26', '595.00', 'Schreinerei Holzwurm e.K.', 'DE02100500000054540402', 'Rechnung RE-2026- 0102 vom 05.11.2026, vielen Dank'],
      ['2026112700031555', '2026-11-27', '2026-11-27', '476.00', 'KANZLEI BERGER UND PARTNER', 'DE88100900001234567892', 'Zahlung IT-Betreuung Oktober'],
      ['2026113000050001', '2026-11-30', '2026-11-30', '-3250.00', 'Miriam Weber', 'DE89370400440532013000', 'Gehalt November 2026 Personalnr. 017'],
      ['2026113000050077', '2026-11-30', '2026-11-30', '50.00', 'Finanzamt Köln-Mitte', 'DE05370500000001234567', 'Erstattung Umsatzsteuer 10/2026 StNr 214/5678/1234'],
    ]);
    expect(read.entries[0]).toMatchObject({ endToEndId: 'E2E-RE-2026-0101', transactionCode: 'PMNT/RCDT/ESCT' });
    expect(read.entries[2]?.endToEndId).toBeNull();
  });

  it('reads a camt.053.001.08 statement: party names under Pty, date-times, structured references, a batch split per transaction', () => {
    const read = readBankStatement(fixture('camt053-001-08.xml'));
    expect(read).toMatchObject({ version: 'camt.053.001.08', accountIban: 'DE02120300000000202051', openingBalance: '14040.77', closingBalance: '14351.55' });
    expect(read.entries.map(row)).toEqual([
      ['2026112700031555', '2026-11-27', '2026-11-27', '476.00', 'KANZLEI BERGER UND PARTNER', 'DE88100900001234567892', 'Zahlung IT-Betreuung Oktober'],
      ['2026113000050001', '2026-11-30', '2026-11-30', '-3250.00', 'Miriam Weber', 'DE89370400440532013000', 'Gehalt November 2026 Personalnr. 017'],
      ['2026113000050077', '2026-11-30', '2026-11-30', '50.00', 'Finanzamt Köln-Mitte', 'DE05370500000001234567', 'Erstattung Umsatzsteuer 10/2026 StNr 214/5678/1234'],
      ['2026120200044001', '2026-12-02', '2026-12-02', '2380.00', 'Elektro Wagner GmbH & Co. KG', 'DE12500105170648489890', 'RE-2026-0103'],
      ['2026120300058201', '2026-12-03', '2026-12-03', '300.00', 'Praxis Dr. Lange', 'DE27100777770209299700', 'Teilzahlung re-2026-0104'],
      ['2026120300058202', '2026-12-03', '2026-12-03', '400.00', 'Sportverein Blau-Weiß e.V.', 'DE68210501700012345678', 'Sponsoring Trikots Saison 2026/27'],
      ['2026120400061234', '2026-12-04', '2026-12-03', '-45.22', 'ARAL Station Köln-Deutz', null, 'Kartenzahlung girocard 03.12.2026 18:42 Kraftstoff'],
    ]);
  });

  it('reads an MT940 file in ISO-8859-1 with structured :86: fields', () => {
    const read = readBankStatement(fixture('mt940.sta'));
    expect(read).toMatchObject({ format: 'mt940', version: 'MT940', accountIban: 'DE02120300000000202051', statementIds: ['00012/001'], openingBalance: '14351.55', closingBalance: '16001.65' });
    const [first, second, third, fourth] = read.entries;
    expect(read.entries).toHaveLength(4);
    expect(row(first as never)).toEqual(['2026120700042', '2026-12-07', '2026-12-07', '1190.00', 'Elektro Wagner GmbH & Co. KG', 'DE12500105170648489890', 'RE-2026-0105 Wartungsvertrag Dezember']);
    expect(row(second as never)).toEqual(['2026120800077', '2026-12-08', '2026-12-08', '-89.90', 'Telekom Deutschland GmbH', 'DE02500105170137075030', 'Kundennummer 123456789 Rechnung 12/2026']);
    expect(second).toMatchObject({ endToEndId: 'TK-2026-12-123456789', transactionCode: 'NDDT/105' });
    expect(third).toMatchObject({ bookingDate: '2026-12-10', amount: '250.00', counterpartyName: 'Hans Müller', counterpartyIban: null, remittance: 'Abschlag Projekt GartenhausMüller' });
    expect(third?.bankReference).toMatch(/^derived:/);
    expect(fourth).toMatchObject({ bankReference: '2026123100099', bookingDate: '2026-12-31', valueDate: '2027-01-02', amount: '300.00', remittance: 'RE-2026-0106' });
  });

  it('refuses what is no statement, naming what is wrong', () => {
    expect(issueOf('')).toEqual({ code: 'bank.emptyFile', params: {} });
    expect(issueOf('Datum;Betrag\n01.12.2026;10,00')).toEqual({ code: 'bank.unknownFormat', params: {} });
    expect(issueOf('<Document><Unclosed></Document>')).toMatchObject({ code: 'bank.notXml' });
    expect(issueOf('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>')).toEqual({ code: 'bank.doctype', params: {} });
    expect(issueOf('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>')).toMatchObject({ code: 'bank.unknownXml' });
    const camt = new TextDecoder().decode(fixture('camt053-001-02.xml'));
    expect(issueOf(camt.replace('<Amt Ccy="EUR">595.00</Amt>', '<Amt Ccy="EUR">595,001</Amt>'))).toEqual({ code: 'bank.badAmount', params: { field: 'Amt of entry 3', value: '595,001' } });
    expect(issueOf(camt.replace('<BookgDt><Dt>2026-11-24</Dt></BookgDt>', ''))).toEqual({ code: 'bank.missingField', params: { field: 'BookgDt of entry 2' } });
    expect(issueOf(camt.replace('<IBAN>DE02120300000000202051</IBAN></Id>\n        <Ccy>EUR</Ccy>', '<Othr><Id></Id></Othr></Id>'))).toEqual({ code: 'bank.missingField', params: { field: 'Acct/Id/IBAN (the account)' } });
    expect(issueOf(camt.replaceAll('Ccy="EUR"', 'Ccy="CHF"').replace('<Ccy>EUR</Ccy>', '<Ccy>CHF</Ccy>'))).toEqual({ code: 'bank.currency', params: { currency: 'CHF' } });
  });
});
