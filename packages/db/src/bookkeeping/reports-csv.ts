import type { EntityManager } from '@mikro-orm/postgresql';
import { csvDocument, csvNumber, type CsvValue } from '@workmate/domain/csv';
import { appError } from '@workmate/domain/errors';
import { formatDecimalComma } from '@workmate/domain/money';
import type { AccountLedgerInput, BalanceSheetInput, CsvFileDto, ReportRangeInput, VatReturnInput } from '@workmate/domain/schemas/bookkeeping-reports';
import { VAT_RETURN_FIELDS } from '@workmate/domain/schemas/bookkeeping-reports';
import { berlinDay } from '@workmate/domain/berlin-time';
import type { OpenItemListInput } from '@workmate/domain/schemas/bookkeeping';
import { groupOpenItems, listOpenItems } from './open-items.ts';
import { accountLedger, balanceSheet, profitAndLoss, trialBalance } from './reports.ts';
import { vatReturn } from './ustva.ts';

/** The reports as CSV (German spreadsheet style, see domain/csv.ts): amounts with a decimal comma. */

const amount = (value: string) => csvNumber(formatDecimalComma(value));

export async function trialBalanceCsv(em: EntityManager, input: ReportRangeInput): Promise<CsvFileDto> {
  const report = await trialBalance(em, input);
  const rows: CsvValue[][] = [
    ['Konto', 'Bezeichnung', 'Saldo Anfang', 'Soll', 'Haben', 'Saldo Ende'],
    ...report.rows.map((r) => [r.number, r.name, amount(r.opening), amount(r.debit), amount(r.credit), amount(r.closing)]),
    ['', 'Summe', amount(report.totals.opening), amount(report.totals.debit), amount(report.totals.credit), amount(report.totals.closing)],
  ];
  return { filename: `summen-saldenliste_${input.from}_bis_${input.to}.csv`, content: csvDocument(rows) };
}

export async function profitAndLossCsv(em: EntityManager, input: ReportRangeInput): Promise<CsvFileDto> {
  const report = await profitAndLoss(em, input);
  const rows: CsvValue[][] = [
    ['Bereich', 'Konto', 'Bezeichnung', 'Betrag'],
    ...report.revenue.map((l) => ['Erlöse', l.number, l.name, amount(l.amount)]),
    ['Erlöse', '', 'Summe Erlöse', amount(report.totalRevenue)],
    ...report.expense.map((l) => ['Aufwand', l.number, l.name, amount(l.amount)]),
    ['Aufwand', '', 'Summe Aufwand', amount(report.totalExpense)],
    ['Ergebnis', '', 'Gewinn/Verlust', amount(report.result)],
  ];
  return { filename: `guv_${input.from}_bis_${input.to}.csv`, content: csvDocument(rows) };
}

export async function balanceSheetCsv(em: EntityManager, input: BalanceSheetInput): Promise<CsvFileDto> {
  const report = await balanceSheet(em, input);
  const rows: CsvValue[][] = [
    ['Seite', 'Konto', 'Bezeichnung', 'Betrag'],
    ...report.assets.map((l) => ['Aktiva', l.number, l.name, amount(l.amount)]),
    ['Aktiva', '', 'Summe Aktiva', amount(report.totalAssets)],
    ...report.liabilitiesAndEquity.map((l) => ['Passiva', l.number, l.name, amount(l.amount)]),
    ['Passiva', '', 'Jahresergebnis', amount(report.result)],
    ['Passiva', '', 'Summe Passiva', amount(report.totalLiabilitiesAndEquity)],
  ];
  return { filename: `bilanz_${input.date}.csv`, content: csvDocument(rows) };
}

/** At most this many lines in one ledger CSV. */
export const LEDGER_CSV_MAX_ROWS = 100_000;

export async function accountLedgerCsv(em: EntityManager, input: Omit<AccountLedgerInput, 'cursor' | 'pageSize'>): Promise<CsvFileDto> {
  const first = await accountLedger(em, { ...input, cursor: null, pageSize: 500 });
  const rows: CsvValue[][] = [
    ['Datum', 'Buchungsnr.', 'Beleg', 'Buchungstext', 'Steuerschlüssel', 'Soll', 'Haben', 'Saldo'],
    ['', '', '', 'Saldovortrag', '', '', '', amount(first.opening)],
  ];
  let page = first;
  for (;;) {
    rows.push(...page.rows.map((r) => [r.entryDate, r.entryNumber, r.documentNumber, r.description, r.taxCode, amount(r.debit), amount(r.credit), amount(r.balance)]));
    if (rows.length > LEDGER_CSV_MAX_ROWS) throw appError('BAD_REQUEST', 'bookkeeping.tooManyRows', { max: LEDGER_CSV_MAX_ROWS }, { field: 'from' });
    if (!page.nextCursor) break;
    page = await accountLedger(em, { ...input, cursor: page.nextCursor, pageSize: 500 });
  }
  return { filename: `kontoblatt_${first.account.number}_${input.from}_bis_${input.to}.csv`, content: csvDocument(rows) };
}

const VAT_FIELD_LABELS: Record<string, string> = {
  '81': 'Umsätze 19 % (Bemessungsgrundlage)',
  '81tax': 'Umsätze 19 % (Steuer)',
  '86': 'Umsätze 7 % (Bemessungsgrundlage)',
  '86tax': 'Umsätze 7 % (Steuer)',
  '35': 'Umsätze zu anderen Steuersätzen (Bemessungsgrundlage)',
  '36': 'Umsätze zu anderen Steuersätzen (Steuer)',
  '41': 'Innergemeinschaftliche Lieferungen an Abnehmer mit USt-IdNr.',
  '43': 'Weitere steuerfreie Umsätze mit Vorsteuerabzug (Ausfuhr)',
  '60': 'Umsätze, für die der Leistungsempfänger die Steuer schuldet (§ 13b)',
  '46': 'Sonstige Leistungen nach § 13b Abs. 1 UStG (Bemessungsgrundlage)',
  '47': 'Sonstige Leistungen nach § 13b Abs. 1 UStG (Steuer)',
  '84': 'Andere Leistungen nach § 13b UStG (Bemessungsgrundlage)',
  '85': 'Andere Leistungen nach § 13b UStG (Steuer)',
  '66': 'Vorsteuerbeträge aus Rechnungen von anderen Unternehmern',
  '67': 'Vorsteuerbeträge aus Leistungen im Sinne des § 13b UStG',
  '83': 'Verbleibende Umsatzsteuer-Vorauszahlung / Überschuss',
};

export async function vatReturnCsv(em: EntityManager, input: VatReturnInput): Promise<CsvFileDto> {
  const report = await vatReturn(em, input);
  const rows: CsvValue[][] = [
    ['Kennzahl', 'Bezeichnung', 'Wert'],
    ...VAT_RETURN_FIELDS.map((f) => [f.replace('tax', ''), VAT_FIELD_LABELS[f] ?? f, csvNumber(report.fields[f].includes('.') ? formatDecimalComma(report.fields[f]) : report.fields[f])]),
  ];
  const period = input.month ? String(input.month).padStart(2, '0') : `Q${input.quarter}`;
  return { filename: `ustva_${input.year}_${period}.csv`, content: csvDocument(rows) };
}

/** Open items of one side per party: its items, then the sum of its items beside the personal account's balance; the total last. */
export async function openItemsCsv(em: EntityManager, input: OpenItemListInput): Promise<CsvFileDto> {
  const list = await listOpenItems(em, input);
  const rows: CsvValue[][] = [['Konto', 'Name', 'Beleg', 'Belegdatum', 'Fällig', 'Betrag', 'Offen', 'Kontosaldo']];
  for (const { party, items } of groupOpenItems(list)) {
    rows.push(...items.map((i) => [party.accountNumber, party.partyName, i.documentNumber, i.documentDate, i.dueDate, amount(i.amount), amount(i.open), '']));
    rows.push([party.accountNumber, party.partyName, 'Summe', '', '', '', amount(party.openItems), amount(party.balance)]);
  }
  rows.push(['', 'Gesamt', '', '', '', '', amount(list.total), '']);
  return { filename: `op-liste_${input.side === 'debtor' ? 'debitoren' : 'kreditoren'}_${input.asOf ?? berlinDay()}.csv`, content: csvDocument(rows) };
}
