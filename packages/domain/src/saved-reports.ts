/**
 * Saved reports (issue 18): which sources a report can read, their columns, the periods a filter
 * can name, and when a schedule runs next. Pure: the SQL lives in packages/db/src/saved-reports.
 */
import { addDays, berlinDay, berlinLocalToIso, monthRange } from './berlin-time.ts';

export const REPORT_SOURCES = ['invoices', 'timeEntries', 'expenses'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_SCHEDULES = ['none', 'daily', 'weekly', 'monthly'] as const;
export type ReportSchedule = (typeof REPORT_SCHEDULES)[number];

export const REPORT_PERIODS = ['all', 'last7Days', 'last30Days', 'thisMonth', 'lastMonth', 'thisYear', 'lastYear', 'custom'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** How a column's values are written: money as exact decimal strings, minutes as whole numbers. */
export type ReportColumnKind = 'text' | 'date' | 'money' | 'int' | 'bool';

/** The columns of each source, in their default order. */
export const REPORT_COLUMNS = {
  invoices: { number: 'text', type: 'text', status: 'text', customer: 'text', project: 'text', issueDate: 'date', dueDate: 'date', net: 'money', vat: 'money', gross: 'money', open: 'money' },
  timeEntries: { date: 'date', employee: 'text', project: 'text', customer: 'text', taskType: 'text', note: 'text', minutes: 'int', billable: 'bool', amount: 'money', approved: 'bool', invoiced: 'bool' },
  expenses: { date: 'date', title: 'text', category: 'text', employee: 'text', project: 'text', net: 'money', vat: 'money', gross: 'money', billable: 'bool', reimbursed: 'bool' },
} as const satisfies Record<ReportSource, Record<string, ReportColumnKind>>;

export type ReportColumn<S extends ReportSource = ReportSource> = keyof (typeof REPORT_COLUMNS)[S] & string;

export function columnsOf(source: ReportSource): string[] {
  return Object.keys(REPORT_COLUMNS[source]);
}
export function columnKind(source: ReportSource, column: string): ReportColumnKind {
  return (REPORT_COLUMNS[source] as Record<string, ReportColumnKind>)[column] ?? 'text';
}

/** The permission a person needs to read a source's rows (besides savedReports.manage). */
export const SOURCE_PERMISSION = { invoices: 'invoices.read', timeEntries: 'timeTracking.readAll', expenses: 'finance.read' } as const satisfies Record<ReportSource, string>;

/** The Berlin days a period covers on `today` (inclusive), or null for all time. */
export function periodRange(period: ReportPeriod, today: string, custom: { from?: string | null; to?: string | null } = {}): { from: string | null; to: string | null } | null {
  const year = today.slice(0, 4);
  switch (period) {
    case 'all':
      return null;
    case 'last7Days':
      return { from: addDays(today, -6), to: today };
    case 'last30Days':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return monthRange(today);
    case 'lastMonth':
      return monthRange(today, -1);
    case 'thisYear':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'lastYear':
      return { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };
    case 'custom':
      return { from: custom.from ?? null, to: custom.to ?? null };
  }
}

/**
 * The next moment a schedule runs after `after`: 06:00 Berlin time the next day (daily), the next
 * Monday (weekly) or the first of the next month (monthly). Null for no schedule.
 */
export function nextRunAt(schedule: ReportSchedule, after: Date): Date | null {
  if (schedule === 'none') return null;
  const today = berlinDay(after);
  let day: string;
  if (schedule === 'daily') day = addDays(today, 1);
  else if (schedule === 'weekly') {
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    day = addDays(today, ((8 - weekday) % 7) || 7);
  } else day = monthRange(today, 1).from;
  return new Date(berlinLocalToIso(`${day}T06:00`) as string);
}

/** `Umsatz Q1 2026` → `Umsatz-Q1-2026-2026-12-06.xlsx`: a file name without characters a file system refuses. */
export function reportFileName(name: string, day: string, format: ReportFormat): string {
  const base = name.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'report';
  return `${base}-${day}.${format}`;
}

/** Column headings of the exported files, in the report owner's language. */
export const REPORT_COLUMN_LABELS: Record<'de' | 'en', Record<ReportSource, Record<string, string>>> = {
  de: {
    invoices: { number: 'Nummer', type: 'Art', status: 'Status', customer: 'Kunde', project: 'Projekt', issueDate: 'Rechnungsdatum', dueDate: 'Fällig am', net: 'Netto', vat: 'USt', gross: 'Brutto', open: 'Offen' },
    timeEntries: { date: 'Datum', employee: 'Mitarbeiter', project: 'Projekt', customer: 'Kunde', taskType: 'Tätigkeit', note: 'Beschreibung', minutes: 'Minuten', billable: 'Abrechenbar', amount: 'Betrag', approved: 'Freigegeben', invoiced: 'Abgerechnet' },
    expenses: { date: 'Datum', title: 'Titel', category: 'Kategorie', employee: 'Mitarbeiter', project: 'Projekt', net: 'Netto', vat: 'Vorsteuer', gross: 'Brutto', billable: 'Abrechenbar', reimbursed: 'Erstattet' },
  },
  en: {
    invoices: { number: 'Number', type: 'Type', status: 'Status', customer: 'Customer', project: 'Project', issueDate: 'Issue date', dueDate: 'Due date', net: 'Net', vat: 'VAT', gross: 'Gross', open: 'Open' },
    timeEntries: { date: 'Date', employee: 'Employee', project: 'Project', customer: 'Customer', taskType: 'Task type', note: 'Description', minutes: 'Minutes', billable: 'Billable', amount: 'Amount', approved: 'Approved', invoiced: 'Invoiced' },
    expenses: { date: 'Date', title: 'Title', category: 'Category', employee: 'Employee', project: 'Project', net: 'Net', vat: 'Input VAT', gross: 'Gross', billable: 'Billable', reimbursed: 'Reimbursed' },
  },
};
