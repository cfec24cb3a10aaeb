import { useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import type { StatementLine } from '@workmate/domain/schemas/bookkeeping-reports';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { CsvButton } from './csv-button.tsx';
import { PdfButton } from './pdf-button.tsx';

/** `/bookkeeping/reports`: trial balance, P&L and balance sheet of a range within one year, each as CSV and PDF. */
export function BookkeepingReportsPage() {
  const { t, formatMoney, formatDate } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = berlinDay();
  const [range, setRange] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const valid = range.from <= range.to && range.from.slice(0, 4) === range.to.slice(0, 4);
  const tb = useQuery({ ...trpc.bookkeeping.reports.trialBalance.queryOptions(range), enabled: valid });
  const pnl = useQuery({ ...trpc.bookkeeping.reports.profitAndLoss.queryOptions(range), enabled: valid });
  const sheet = useQuery({ ...trpc.bookkeeping.reports.balanceSheet.queryOptions({ date: range.to }), enabled: valid });
  const lines = (items: StatementLine[]) =>
    items.map((l) => (
      <tr key={l.accountId}>
        <td>{l.number}</td>
        <td>{l.name}</td>
        <td className="num">{formatMoney(l.amount)}</td>
      </tr>
    ));
  return (
    <>
      <PageHeader title={t('bk.reports')}>
        <span className="muted small">{t('bk.reportsHint')}</span>
      </PageHeader>
      <Card>
        <div className="form-grid">
          <TextField name="from" type="date" label={t('bk.from')} value={range.from} onChange={(from) => setRange((r) => ({ ...r, from }))} testId="bk-from" />
          <TextField name="to" type="date" label={t('bk.to')} value={range.to} onChange={(to) => setRange((r) => ({ ...r, to }))} testId="bk-to" />
        </div>
      </Card>
      <Card title={t('bk.trialBalance')} actions={<><CsvButton testId="bk-tb-csv" fetchFile={() => queryClient.fetchQuery({ ...trpc.bookkeeping.reports.trialBalanceCsv.queryOptions(range), staleTime: 0 })} /><PdfButton testId="bk-tb-pdf" input={{ report: 'trialBalance', ...range }} /></>} testId="bk-trial-balance">
        <ErrorAlert error={tb.error} />
        {tb.data && tb.data.rows.length === 0 ? <p className="muted">{t('bk.noPostings')}</p> : null}
        {tb.data && tb.data.rows.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th>{t('bk.account')}</th>
                <th>{t('bk.accountName')}</th>
                <th className="num">{t('bk.opening')}</th>
                <th className="num">{t('bk.debit')}</th>
                <th className="num">{t('bk.credit')}</th>
                <th className="num">{t('bk.closing')}</th>
              </tr>
            </thead>
            <tbody>
              {tb.data.rows.map((r) => (
                <tr key={r.accountId} data-testid="bk-tb-row">
                  <td>{r.number}</td>
                  <td>{r.name}</td>
                  <td className="num">{formatMoney(r.opening)}</td>
                  <td className="num">{formatMoney(r.debit)}</td>
                  <td className="num">{formatMoney(r.credit)}</td>
                  <td className="num">{formatMoney(r.closing)}</td>
                </tr>
              ))}
              <tr>
                <th />
                <th>{t('bk.total')}</th>
                <th className="num">{formatMoney(tb.data.totals.opening)}</th>
                <th className="num">{formatMoney(tb.data.totals.debit)}</th>
                <th className="num">{formatMoney(tb.data.totals.credit)}</th>
                <th className="num">{formatMoney(tb.data.totals.closing)}</th>
              </tr>
            </tbody>
          </table>
        ) : null}
      </Card>
      <Card title={t('bk.profitAndLoss')} actions={<><CsvButton testId="bk-pnl-csv" fetchFile={() => queryClient.fetchQuery({ ...trpc.bookkeeping.reports.profitAndLossCsv.queryOptions(range), staleTime: 0 })} /><PdfButton testId="bk-pnl-pdf" input={{ report: 'profitAndLoss', ...range }} /></>} testId="bk-pnl">
        <ErrorAlert error={pnl.error} />
        {pnl.data ? (
          <table className="table">
            <tbody>
              <tr><th colSpan={3}>{t('bk.revenue')}</th></tr>
              {lines(pnl.data.revenue)}
              <tr><th colSpan={3}>{t('bk.expense')}</th></tr>
              {lines(pnl.data.expense)}
              <tr>
                <th colSpan={2}>{t('bk.result')}</th>
                <th className="num" data-testid="bk-pnl-result">{formatMoney(pnl.data.result)}</th>
              </tr>
            </tbody>
          </table>
        ) : null}
      </Card>
      <Card title={t('bk.balanceSheet', { date: formatDate(range.to) })} actions={<><CsvButton testId="bk-bs-csv" fetchFile={() => queryClient.fetchQuery({ ...trpc.bookkeeping.reports.balanceSheetCsv.queryOptions({ date: range.to }), staleTime: 0 })} /><PdfButton testId="bk-bs-pdf" input={{ report: 'balanceSheet', date: range.to }} /></>} testId="bk-balance-sheet">
        <ErrorAlert error={sheet.error} />
        {sheet.data ? (
          <table className="table">
            <tbody>
              <tr><th colSpan={3}>{t('bk.assets')}</th></tr>
              {lines(sheet.data.assets)}
              <tr><th colSpan={2}>{t('bk.total')}</th><th className="num">{formatMoney(sheet.data.totalAssets)}</th></tr>
              <tr><th colSpan={3}>{t('bk.liabilities')}</th></tr>
              {lines(sheet.data.liabilitiesAndEquity)}
              <tr><td /><td>{t('bk.yearResult')}</td><td className="num">{formatMoney(sheet.data.result)}</td></tr>
              <tr><th colSpan={2}>{t('bk.total')}</th><th className="num">{formatMoney(sheet.data.totalLiabilitiesAndEquity)}</th></tr>
            </tbody>
          </table>
        ) : null}
      </Card>
    </>
  );
}
