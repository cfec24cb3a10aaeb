import { describe, expect, it } from 'vitest';
import { accountIdentifier, balanceDifference, bankAmount, bankFileKind, entryReference, mt940Details, parseMt940 } from './bank-statement.ts';
import { AppError } from './errors.ts';

const issueOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.issue;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('MT940 reading rules', () => {
  it('reads amounts exactly, with decimal comma, as signed two-place strings', () => {
    expect(bankAmount('1190,00', false)).toBe('1190.00');
    expect(bankAmount('89,9', true)).toBe('-89.90');
    expect(bankAmount('300,', false)).toBe('300.00');
    expect(bankAmount('0,01', true)).toBe('-0.01');
    expect(bankAmount('1,234', false)).toBeNull();
    expect(bankAmount('12a', false)).toBeNull();
  });

  it('tells XML from MT940 from anything else by the content', () => {
    expect(bankFileKind('\uFEFF<?xml version="1.0"?><Document/>')).toBe('xml');
    expect(bankFileKind(':20:STARTUMSE\r\n:25:1/2')).toBe('mt940');
    expect(bankFileKind('{1:F01BYLADEMMAXXX0000000000}{2:O940}{4:\r\n:20:X')).toBe('mt940');
    expect(bankFileKind('Datum;Betrag;Verwendungszweck')).toBe('unknown');
  });

  it('turns a German BLZ/account into its IBAN, so MT940 and CAMT name the same account', () => {
    expect(accountIdentifier('12030000/0000202051')).toBe('DE02120300000000202051');
    expect(accountIdentifier('37040044/532013000')).toBe('DE89370400440532013000');
    expect(accountIdentifier('DE02 1203 0000 0000 2020 51')).toBe('DE02120300000000202051');
  });

  it('splits a structured :86: into name, IBAN, remittance (SVWZ+) and end-to-end id (EREF+)', () => {
    const details = mt940Details('166?00GUTSCHR. UEBERW.?109310?20EREF+E2E-4711?21SVWZ+RE-2026-0105 Wartungsv\n?22ertrag Dezember?30BYLADEMM?31DE12500105170648489890?32Elektro Wagner GmbH & Co. K\n?33G');
    expect(details).toEqual({ gvc: '166', name: 'Elektro Wagner GmbH & Co. KG', iban: 'DE12500105170648489890', remittance: 'RE-2026-0105 Wartungsvertrag Dezember', endToEndId: 'E2E-4711' });
    expect(mt940Details('Miete Dezember\nBuero Koeln')).toMatchObject({ gvc: null, remittance: 'Miete Dezember Buero Koeln' });
    // A short purpose line ends where the payer ended it: the number does not run into the next word.
    expect(mt940Details('166?00GUTSCHRIFT?20Rechnung?21RE-2026-0001?22Danke').remittance).toBe('Rechnung RE-2026-0001 Danke');
  });

  it('derives a stable reference where the bank gives none, and keeps the bank\'s own', () => {
    expect(entryReference('2026120700042', ['a'])).toBe('2026120700042');
    const a = entryReference('NONREF', ['2026-12-10', '250.00', 'Hans']);
    expect(a).toMatch(/^derived:[0-9a-f]{16}$/);
    expect(entryReference(null, ['2026-12-10', '250.00', 'Hans'])).toBe(a);
    expect(entryReference(null, ['2026-12-10', '250.01', 'Hans'])).not.toBe(a);
  });

  it('reads a :61: line across a year end (value 2 January, booked 31 December) and a reversed debit (RD) as money in', () => {
    const text = ':20:X\n:25:DE02120300000000202051\n:60F:C261230EUR0,00\n:61:2701021231C300,00NTRFNONREF//REF1\n:86:Neujahr\n:61:2612301230RD5,00NMSCNONREF//REF2\n:62F:C270102EUR295,00\n-';
    const read = parseMt940(text);
    expect(read.entries.map((e) => [e.bookingDate, e.valueDate, e.amount, e.bankReference])).toEqual([
      ['2026-12-31', '2027-01-02', '300.00', 'REF1'],
      ['2026-12-30', '2026-12-30', '5.00', 'REF2'],
    ]);
    expect(read.closingBalance).toBe('295.00');
  });

  it('refuses a statement without account, opening balance or with a broken :61:, naming the field', () => {
    expect(issueOf(() => parseMt940(':20:X\n:60F:C261230EUR0,00\n'))).toEqual({ code: 'bank.missingField', params: { field: ':25: (account)' } });
    expect(issueOf(() => parseMt940(':20:X\n:25:DE02120300000000202051\n'))).toEqual({ code: 'bank.missingField', params: { field: ':60F: (opening balance)' } });
    expect(issueOf(() => parseMt940(':20:X\n:25:A\n:60F:C261230EUR0,00\n:61:26123C300\n'))).toMatchObject({ code: 'bank.missingField' });
    expect(issueOf(() => parseMt940(':20:X\n:25:A\n:60F:C261230EUR0,00\n:61:2613301230C300,00NTRFNONREF\n'))).toEqual({ code: 'bank.badDate', params: { field: ':61: of entry 1', value: '261330' } });
  });
});

describe('a statement adds up', () => {
  const entry = (amount: string) => ({ bankReference: 'R', bookingDate: '2026-12-01', valueDate: null, amount, currency: 'EUR', counterpartyName: null, counterpartyIban: null, remittance: null, endToEndId: null, transactionCode: null });
  it('is closing − opening − the booked entries, to the cent, and unknown without both balances', () => {
    expect(balanceDifference({ openingBalance: '100.00', closingBalance: '70.11', entries: [entry('0.10'), entry('-29.99')] })).toBe('0.00');
    expect(balanceDifference({ openingBalance: '-5.00', closingBalance: '1.00', entries: [entry('5.99')] })).toBe('0.01');
    expect(balanceDifference({ openingBalance: '100.00', closingBalance: '100.00', entries: [entry('-12.50')] })).toBe('12.50');
    expect(balanceDifference({ openingBalance: '100.00', closingBalance: null, entries: [] })).toBeNull();
    expect(balanceDifference({ openingBalance: null, closingBalance: '1.00', entries: [] })).toBeNull();
  });
});
