import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Kpi } from '../../ui/kpi.tsx';
import { YearSelect, useYear } from '../../ui/year-select.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { MonthlyBarChart } from '../../ui/monthly-bar-chart.tsx';
import { CategoryBars } from './category-bars.tsx';

/** `/finance`: what was spent in a year — totals, input VAT, what is still to reimburse, by category, month and project. */
export function FinanceDashboardPage() {
  const { t, lang, formatNumber, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const { year, setYear, thisYear } = useYear();
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const kpis = useQuery({ ...trpc.finance.expenses.kpis.queryOptions({ year, ...range }), placeholderData: keepPreviousData });
  const k = kpis.data;
  const compact = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { notation: 'compact', maximumFractionDigits: 1 });
  const listLink = (extra: string) => `/finance/expenses?from=${range.from}&to=${range.to}${extra}`;

  return (
    <>
      <PageHeader
        title={t('expense.dashboardTitle')}
        actions={
          <>
            <YearSelect year={year} thisYear={thisYear} onChange={setYear} testId="expense-year" />
            {can('finance.write') ? (
              <Link href="/finance/expenses/new" className="btn btn-primary" data-testid="new-expense">
                + {t('expense.new')}
              </Link>
            ) : null}
          </>
        }
      >
        {!can('finance.read') ? <span className="muted small">{t('expense.ownOnly')}</span> : null}
      </PageHeader>
      <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />
      {kpis.isPending ? (
        <Loading />
      ) : k ? (
        <>
          <div className="kpi-grid kpi-grid-4">
            <Kpi label={t('expense.kpiNet', { year, count: formatNumber(k.total.count) })} value={formatMoney(k.total.netAmount)} testId="kpi-expenses-net" href={listLink('')} />
            <Kpi label={t('expense.kpiVat', { year })} value={formatMoney(k.total.taxAmount)} testId="kpi-expenses-vat" />
            <Kpi label={t('expense.kpiGross', { year })} value={formatMoney(k.total.grossAmount)} testId="kpi-expenses-gross" />
            <Kpi label={t('expense.kpiReimbursable')} value={formatMoney(k.total.reimbursable)} testId="kpi-expenses-reimbursable" href={listLink('&reimbursed=false')} />
          </div>
          <div className="grid-2">
            <Card title={t('expense.byCategory', { year })} testId="expenses-by-category">
              <CategoryBars rows={k.byCategory} linkTo={(c) => listLink(`&category=${c}`)} />
            </Card>
            <Card title={t('expense.byProject', { year })} testId="expenses-by-project">
              {!k.byProject.length ? (
                <Empty>{t('expense.noneYet')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th>{t('expense.project')}</th>
                        <th className="num">{t('expense.net')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {k.byProject.map((p) => (
                        <tr key={p.projectId ?? 'none'} data-testid="expense-project-row" data-amount={p.netAmount}>
                          <td>
                            {p.projectId ? (
                              <Link href={listLink(`&projectId=${p.projectId}`)}>{`${p.projectNumber ?? ''} · ${p.title ?? ''}`}</Link>
                            ) : (
                              <span className="muted">{t('expense.noProject')}</span>
                            )}
                          </td>
                          <td className="num nowrap">{formatMoney(p.netAmount)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
          </div>
          <Card title={t('expense.perMonth', { year: k.year })} testId="chart-expenses-per-month">
            <MonthlyBarChart
              label={t('expense.perMonthLabel', { year: k.year })}
              data={k.monthly.map((m) => ({
                month: `${k.year}-${String(m.month).padStart(2, '0')}`,
                // Only the bar's height comes from the number; the labels show the exact string.
                count: Number(m.netAmount),
                title: formatMoney(m.netAmount),
                short: compact.format(Number(m.netAmount)),
              }))}
            />
          </Card>
        </>
      ) : null}
    </>
  );
}
