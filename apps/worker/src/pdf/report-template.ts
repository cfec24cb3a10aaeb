// Turns a bookkeeping report (ReportPdfModel) into self-contained HTML for the PDF renderer, with
// templates/bookkeeping-report.hbs. The view built here is a list of plain tables whose cells are
// already formatted, so the template holds no logic. Amounts are printed de-DE ("1.234,56") from
// their decimal strings (bigint rounding, never a float), whatever the label language.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { ReportPdfModel } from '@workmate/db/bookkeeping/report-pdf';
import { isoToBerlinLocal } from '@workmate/domain/berlin-time';
import { formatDate, formatNumber, type Language } from './format.ts';
import { fillLabel } from './labels.ts';
import { REPORT_LABELS, type ReportLabels } from './report-labels.ts';

export const REPORT_TEMPLATE_PATH = new URL('../../templates/bookkeeping-report.hbs', import.meta.url);

interface Cell {
  text: string;
  num: boolean;
}
interface Row {
  cells: Cell[];
  total: boolean;
}
export interface ReportTable {
  heading: string | null;
  columns: Cell[];
  rows: Row[];
  empty: string | null;
}
export interface ReportView {
  language: Language;
  title: string;
  companyName: string;
  period: string;
  generated: string;
  currency: string;
  tables: ReportTable[];
}

const hbs = Handlebars.create();
let compiled: Handlebars.TemplateDelegate<ReportView> | null = null;

/** de-DE amount with two places: "-1234.5" → "-1.234,50". */
export const amount = (value: string) => formatNumber(value, 'de', 2, 2);
const text = (value: string | number | null | undefined): Cell => ({ text: value === null || value === undefined ? '' : String(value), num: false });
const num = (value: string): Cell => ({ text: amount(value), num: true });
const col = (label: string, numeric = false): Cell => ({ text: label, num: numeric });
const row = (cells: Cell[], total = false): Row => ({ cells, total });
const table = (columns: Cell[], rows: Row[], options: { heading?: string; empty?: string | null } = {}): ReportTable => ({ heading: options.heading ?? null, columns, rows, empty: options.empty ?? null });

function statementTable(l: ReportLabels, heading: string, lines: Array<{ number: number; name: string; amount: string }>, totals: Array<[string, string]>): ReportTable {
  return table(
    [col(l.account), col(l.name), col(l.amount, true)],
    [...lines.map((x) => row([text(x.number), text(x.name), num(x.amount)])), ...totals.map(([label, value]) => row([text(''), text(label), num(value)], true))],
    { heading },
  );
}

function tablesOf(m: ReportPdfModel, l: ReportLabels, date: (v: string) => string): { title: string; period: string; tables: ReportTable[] } {
  const range = (from: string, to: string) => fillLabel(l.range, { from: date(from), to: date(to) });
  switch (m.report) {
    case 'trialBalance': {
      const t = l.trialBalance;
      const { data } = m;
      const rows = data.rows.map((r) => row([text(r.number), text(r.name), num(r.opening), num(r.debit), num(r.credit), num(r.closing)]));
      rows.push(row([text(''), text(t.total), num(data.totals.opening), num(data.totals.debit), num(data.totals.credit), num(data.totals.closing)], true));
      const columns = [col(l.account), col(l.name), col(t.opening, true), col(t.debit, true), col(t.credit, true), col(t.closing, true)];
      return { title: l.title.trialBalance, period: range(data.from, data.to), tables: [table(columns, rows, { empty: data.rows.length ? null : l.empty })] };
    }
    case 'profitAndLoss': {
      const t = l.profitAndLoss;
      const { data } = m;
      return {
        title: l.title.profitAndLoss,
        period: range(data.from, data.to),
        tables: [
          statementTable(l, t.revenue, data.revenue, [[t.totalRevenue, data.totalRevenue]]),
          statementTable(l, t.expense, data.expense, [[t.totalExpense, data.totalExpense]]),
          table([col(''), col(l.amount, true)], [row([text(t.result), num(data.result)], true)]),
        ],
      };
    }
    case 'balanceSheet': {
      const t = l.balanceSheet;
      const { data } = m;
      return {
        title: l.title.balanceSheet,
        period: fillLabel(l.asOf, { date: date(data.date) }),
        tables: [
          statementTable(l, t.assets, data.assets, [[t.totalAssets, data.totalAssets]]),
          statementTable(l, t.liabilities, [...data.liabilitiesAndEquity], [
            [t.yearResult, data.result],
            [t.totalLiabilities, data.totalLiabilitiesAndEquity],
          ]),
        ],
      };
    }
    case 'vatReturn': {
      const t = l.vatReturn;
      const { data, period } = m;
      const f = data.fields;
      // One line per Kennzahl of the form: its base (whole euros) and the tax beside it.
      const pairs: Array<[string, string | null, string | null]> = [
        ['81', f['81'], f['81tax']],
        ['86', f['86'], f['86tax']],
        ['35', f['35'], f['36']],
        ['41', f['41'], null],
        ['43', f['43'], null],
        ['60', f['60'], null],
        ['46', f['46'], f['47']],
        ['84', f['84'], f['85']],
        ['66', null, f['66']],
        ['67', null, f['67']],
        ['83', null, f['83']],
      ];
      const taxField: Record<string, string> = { '81': '', '86': '', '35': '36', '46': '47', '84': '85' };
      const rows = pairs.map(([field, base, tax]) => {
        const fieldLabel = taxField[field] ? `${field} / ${taxField[field]}` : field;
        return row([text(fieldLabel), text(t.fields[field] ?? field), base === null ? text('') : { text: formatNumber(base, 'de', 0, 0), num: true }, tax === null ? text('') : num(tax)], field === '83');
      });
      const periodText = period.month ? fillLabel(t.month, { month: t.months[period.month - 1] ?? String(period.month), year: String(data.year) }) : fillLabel(t.quarter, { quarter: String(period.quarter), year: String(data.year) });
      return {
        title: l.title.vatReturn,
        period: `${periodText} (${range(data.from, data.to)})`,
        tables: [table([col(t.field), col(l.name), col(t.base, true), col(t.tax, true)], rows)],
      };
    }
    case 'accountLedger': {
      const t = l.ledger;
      const { data } = m;
      const columns = [col(t.date), col(t.number), col(t.document), col(t.text), col(t.taxCode), col(l.trialBalance.debit, true), col(l.trialBalance.credit, true), col(t.balance, true)];
      const blank = [text(''), text(''), text('')];
      const rows = [
        row([text(date(data.from)), ...blank, text(t.opening), text(''), text(''), num(data.opening)], true),
        ...data.rows.map((r) => row([text(date(r.entryDate)), text(r.entryNumber), text(r.documentNumber), text(r.description), text(r.taxCode), num(r.debit), num(r.credit), num(r.balance)])),
        row([text(date(data.to)), ...blank, text(t.closing), text(''), text(''), num(data.closing)], true),
      ];
      return {
        title: fillLabel(l.title.accountLedger, { number: String(data.account.number), name: data.account.name }),
        period: range(data.from, data.to),
        tables: [table(columns, rows, { empty: data.rows.length ? null : t.empty })],
      };
    }
    case 'openItems': {
      const t = l.openItems;
      const { data } = m;
      const columns = [col(t.document), col(t.documentDate), col(t.dueDate), col(t.amount, true), col(t.open, true)];
      // One table per party: its items, their sum, and the personal account's balance it reconciles with.
      const tables = data.groups.map(({ party, items }) =>
        table(
          columns,
          [
            ...items.map((i) => row([text(i.documentNumber ?? '—'), text(i.documentDate ? date(i.documentDate) : ''), text(i.dueDate ? date(i.dueDate) : ''), num(i.amount), num(i.open)])),
            row([text(fillLabel(t.partyTotal, { name: party.partyName })), text(''), text(''), text(''), num(party.openItems)], true),
            row([text(fillLabel(t.balance, { number: String(party.accountNumber) })), text(''), text(''), text(''), num(party.balance)], true),
          ],
          { heading: `${party.accountNumber} ${party.partyName}` },
        ),
      );
      tables.push(table([col(''), col(l.amount, true)], [row([text(t.total), num(data.total)], true)], { empty: data.groups.length ? null : t.empty }));
      return { title: l.title.openItems[data.side], period: fillLabel(l.asOf, { date: date(data.asOf) }), tables };
    }
  }
}

export function reportViewOf(m: ReportPdfModel): ReportView {
  const l = REPORT_LABELS[m.language];
  const date = (v: string) => formatDate(v, m.language);
  const local = isoToBerlinLocal(m.generatedAt);
  const generated = fillLabel(l.generated, { date: date(local.slice(0, 10)), time: local.slice(11, 16) });
  return { language: m.language, companyName: m.companyName, generated, currency: l.currency, ...tablesOf(m, l, date) };
}

/** The report as self-contained HTML (every value escaped by handlebars). */
export function renderReportHtml(view: ReportView): string {
  compiled ??= hbs.compile<ReportView>(readFileSync(REPORT_TEMPLATE_PATH, 'utf8'), { strict: true });
  return compiled(view);
}

/** Chromium's footer: company and report on the left, "Seite X von Y" on the right (inline styles only, escaped). */
export function reportFooterTemplate(view: ReportView): string {
  const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const page = fillLabel(esc(REPORT_LABELS[view.language].page), { page: '<span class="pageNumber"></span>', total: '<span class="totalPages"></span>' });
  return `<div style="width:100%;box-sizing:border-box;padding:0 15mm;display:flex;justify-content:space-between;font-family:'DejaVu Sans',sans-serif;font-size:7pt;color:#555"><span>${esc(`${view.companyName} · ${view.title} · ${view.period}`)}</span><span>${page}</span></div>`;
}
