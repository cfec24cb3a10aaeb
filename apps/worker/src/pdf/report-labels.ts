// Every fixed text of the printed bookkeeping reports, per language; placeholders in braces are
// filled with already formatted values (fillLabel).
import type { Language } from './format.ts';

export interface ReportLabels {
  title: { trialBalance: string; profitAndLoss: string; balanceSheet: string; vatReturn: string; accountLedger: string; openItems: { debtor: string; creditor: string } };
  range: string;
  asOf: string;
  generated: string;
  currency: string;
  page: string;
  account: string;
  name: string;
  amount: string;
  trialBalance: { opening: string; debit: string; credit: string; closing: string; total: string };
  profitAndLoss: { revenue: string; expense: string; totalRevenue: string; totalExpense: string; result: string };
  balanceSheet: { assets: string; liabilities: string; totalAssets: string; yearResult: string; totalLiabilities: string };
  vatReturn: { month: string; quarter: string; field: string; base: string; tax: string; months: string[]; fields: Record<string, string> };
  ledger: { date: string; number: string; document: string; text: string; taxCode: string; balance: string; opening: string; closing: string; empty: string };
  openItems: { document: string; documentDate: string; dueDate: string; amount: string; open: string; partyTotal: string; balance: string; total: string; empty: string };
  empty: string;
}

const de: ReportLabels = {
  title: { trialBalance: 'Summen- und Saldenliste', profitAndLoss: 'Gewinn- und Verlustrechnung', balanceSheet: 'Bilanz', vatReturn: 'Umsatzsteuer-Voranmeldung', accountLedger: 'Kontoblatt {number} {name}', openItems: { debtor: 'Offene Posten Debitoren', creditor: 'Offene Posten Kreditoren' } },
  range: 'Zeitraum {from} bis {to}',
  asOf: 'Stichtag {date}',
  generated: 'Erstellt am {date} um {time} Uhr (Europe/Berlin)',
  currency: 'Beträge in EUR',
  page: 'Seite {page} von {total}',
  account: 'Konto',
  name: 'Bezeichnung',
  amount: 'Betrag',
  trialBalance: { opening: 'Saldo Anfang', debit: 'Soll', credit: 'Haben', closing: 'Saldo Ende', total: 'Summe' },
  profitAndLoss: { revenue: 'Erlöse', expense: 'Aufwand', totalRevenue: 'Summe Erlöse', totalExpense: 'Summe Aufwand', result: 'Ergebnis (Gewinn/Verlust)' },
  balanceSheet: { assets: 'Aktiva', liabilities: 'Passiva', totalAssets: 'Summe Aktiva', yearResult: 'Jahresergebnis', totalLiabilities: 'Summe Passiva' },
  vatReturn: {
    month: 'Voranmeldungszeitraum {month} {year}',
    quarter: 'Voranmeldungszeitraum {quarter}. Quartal {year}',
    field: 'Kz.',
    base: 'Bemessungsgrundlage (volle EUR)',
    tax: 'Steuer',
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    fields: {
      '81': 'Steuerpflichtige Umsätze zum Steuersatz von 19 %',
      '86': 'Steuerpflichtige Umsätze zum Steuersatz von 7 %',
      '35': 'Umsätze zu anderen Steuersätzen',
      '41': 'Innergemeinschaftliche Lieferungen an Abnehmer mit USt-IdNr.',
      '43': 'Weitere steuerfreie Umsätze mit Vorsteuerabzug (z. B. Ausfuhr)',
      '60': 'Umsätze, für die der Leistungsempfänger die Steuer schuldet (§ 13b UStG)',
      '46': 'Sonstige Leistungen nach § 13b Abs. 1 UStG eines im übrigen Gemeinschaftsgebiet ansässigen Unternehmers',
      '84': 'Andere Leistungen nach § 13b UStG',
      '66': 'Vorsteuerbeträge aus Rechnungen von anderen Unternehmern',
      '67': 'Vorsteuerbeträge aus Leistungen im Sinne des § 13b UStG',
      '83': 'Verbleibende Umsatzsteuer-Vorauszahlung bzw. verbleibender Überschuss',
    },
  },
  ledger: { date: 'Datum', number: 'Nr.', document: 'Beleg', text: 'Buchungstext', taxCode: 'St.-Schl.', balance: 'Saldo', opening: 'Saldovortrag', closing: 'Endsaldo', empty: 'Keine Buchungen im Zeitraum.' },
  openItems: { document: 'Beleg', documentDate: 'Belegdatum', dueDate: 'Fällig', amount: 'Betrag', open: 'Offen', partyTotal: 'Summe {name}', balance: 'Saldo Konto {number}', total: 'Summe offene Posten', empty: 'Keine offenen Posten.' },
  empty: 'Keine Buchungen.',
};

const en: ReportLabels = {
  title: { trialBalance: 'Trial balance', profitAndLoss: 'Profit and loss statement', balanceSheet: 'Balance sheet', vatReturn: 'Advance VAT return (UStVA)', accountLedger: 'Account ledger {number} {name}', openItems: { debtor: 'Open items receivable (debtors)', creditor: 'Open items payable (creditors)' } },
  range: 'Period {from} to {to}',
  asOf: 'As of {date}',
  generated: 'Generated on {date} at {time} (Europe/Berlin)',
  currency: 'Amounts in EUR',
  page: 'Page {page} of {total}',
  account: 'Account',
  name: 'Name',
  amount: 'Amount',
  trialBalance: { opening: 'Opening balance', debit: 'Debit', credit: 'Credit', closing: 'Closing balance', total: 'Total' },
  profitAndLoss: { revenue: 'Revenue', expense: 'Expenses', totalRevenue: 'Total revenue', totalExpense: 'Total expenses', result: 'Result (profit/loss)' },
  balanceSheet: { assets: 'Assets', liabilities: 'Liabilities and equity', totalAssets: 'Total assets', yearResult: 'Result of the year', totalLiabilities: 'Total liabilities and equity' },
  vatReturn: {
    month: 'Return period {month} {year}',
    quarter: 'Return period Q{quarter} {year}',
    field: 'Field',
    base: 'Tax base (whole EUR)',
    tax: 'Tax',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    fields: {
      '81': 'Taxable supplies at 19 %',
      '86': 'Taxable supplies at 7 %',
      '35': 'Supplies at other tax rates',
      '41': 'Intra-Community supplies to customers with a VAT ID',
      '43': 'Other tax-free supplies with input tax deduction (e.g. exports)',
      '60': 'Supplies for which the recipient owes the tax (§ 13b UStG)',
      '46': 'Services under § 13b(1) UStG from businesses in other EU countries',
      '84': 'Other services under § 13b UStG',
      '66': 'Input tax from invoices of other businesses',
      '67': 'Input tax on services under § 13b UStG',
      '83': 'Remaining VAT prepayment or surplus',
    },
  },
  ledger: { date: 'Date', number: 'No.', document: 'Document', text: 'Description', taxCode: 'Tax code', balance: 'Balance', opening: 'Balance brought forward', closing: 'Closing balance', empty: 'No postings in the period.' },
  openItems: { document: 'Document', documentDate: 'Date', dueDate: 'Due', amount: 'Amount', open: 'Open', partyTotal: 'Total {name}', balance: 'Balance of account {number}', total: 'Total open items', empty: 'No open items.' },
  empty: 'No postings.',
};

export const REPORT_LABELS: Record<Language, ReportLabels> = { de, en };
