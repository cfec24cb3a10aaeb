import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { csvDocument, csvNumber, type CsvValue } from '@workmate/domain/csv';
import { columnKind, REPORT_COLUMN_LABELS, type ReportFormat, type ReportSource } from '@workmate/domain/saved-reports';
import type { ReportValue } from './rows.ts';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Language = 'de' | 'en';
const yesNo = (language: Language, value: boolean) => (language === 'de' ? (value ? 'ja' : 'nein') : value ? 'yes' : 'no');
const germanDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** CSV for German spreadsheets (see domain/csv.ts): amounts in the language's decimal notation, written as numbers. */
export function reportCsv(source: ReportSource, columns: string[], rows: ReportValue[][], language: Language): Buffer {
  const labels = REPORT_COLUMN_LABELS[language][source];
  const out: CsvValue[][] = [columns.map((c) => labels[c] ?? c)];
  for (const row of rows) {
    out.push(
      row.map((value, i) => {
        if (value === null) return null;
        const kind = columnKind(source, columns[i] ?? '');
        if (kind === 'money') return csvNumber(language === 'de' ? String(value).replace('.', ',') : String(value));
        if (kind === 'int') return csvNumber(String(value));
        if (kind === 'bool') return yesNo(language, value === true);
        if (kind === 'date') return language === 'de' ? germanDate(String(value)) : String(value);
        return String(value);
      }),
    );
  }
  return Buffer.from(csvDocument(out), 'utf8');
}

/**
 * An XLSX sheet. A spreadsheet cell holds a binary double, so an amount becomes a number here, at
 * the file's edge only: Postgres gave it as an exact two-place decimal string, and every amount
 * below 10^13 survives the conversion to the cent (the spreadsheet shows it with two places).
 */
export async function reportXlsx(source: ReportSource, columns: string[], rows: ReportValue[][], language: Language): Promise<Buffer> {
  const labels = REPORT_COLUMN_LABELS[language][source];
  const header: Row = columns.map((c) => ({ value: labels[c] ?? c, fontWeight: 'bold' }));
  const dateFormat = language === 'de' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
  const body: Row[] = rows.map((row) =>
    row.map((value, i): Cell => {
      if (value === null) return null;
      const kind = columnKind(source, columns[i] ?? '');
      if (kind === 'money') return { value: Number(value), type: Number, format: '#,##0.00' };
      if (kind === 'int') return { value: Number(value), type: Number, format: '0' };
      if (kind === 'bool') return { value: yesNo(language, value === true), type: String };
      if (kind === 'date') return { value: new Date(`${String(value)}T00:00:00Z`), type: Date, format: dateFormat };
      return { value: String(value), type: String };
    }),
  );
  return writeXlsxFile([header, ...body], { stickyRowsCount: 1 }).toBuffer();
}
