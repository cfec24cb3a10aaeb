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
import { OPEN_INVOICE_STATUSES } from './invoice-options.ts';

const listLink = (statuses: readonly string[]) => `/invoices/list?${statuses.map((s) => `status=${s}`).join('&')}`;

/** `/invoices`: what is owed and overdue, what came in this year, month by month, and from whom. */
export function InvoiceDashboardPage() {
  const { t, lang, formatNumber, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const { year, setYear, thisYear } = useYear();
  const stats = useQuery({ ...trpc.invoices.statistics.queryOptions({ year }), placeholderData: keepPreviousData });
  const s = stats.data;
  const compact = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { notation: 'compact', maximumFractionDigits: 1 });
  const days = s?.averageDaysToPayment;

  return (
    <>
      <PageHeader
        title={t('invoice.dashboardTitle')}
        actions={
          <>
            <YearSelect year={year} thisYear={thisYear} onChange={setYear} testId="invoice-year" />
            {can('invoices.write') ? (
              <Link href="/invoices/new?type=invoice" className="btn btn-primary" data-testid="new-invoice">
                + {t('invoice.newInvoice')}
              </Link>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      {stats.isPending ? (
        <Loading />
      ) : s ? (
        <>
          <div className="kpi-grid invoice-kpis">
            <Kpi
              label={t('invoice.kpiOutstanding', { count: formatNumber(s.outstandingCount) })}
              value={formatMoney(s.outstandingAmount)}
              testId="kpi-outstanding"
              href={listLink(OPEN_INVOICE_STATUSES)}
            />
            <Kpi
              label={t('invoice.kpiOverdue', { amount: formatMoney(s.overdueAmount) })}
              value={formatNumber(s.overdueCount)}
              testId="kpi-overdue"
              href={listLink(['overdue'])}
            />
            <Kpi label={t('invoice.kpiPaid', { year: s.year })} value={formatMoney(s.paidThisYear)} testId="kpi-paid" href={listLink(['paid'])} />
            <Kpi label={t('invoice.kpiInvoiced', { year: s.year })} value={formatMoney(s.invoicedThisYear)} testId="kpi-invoiced" />
            <Kpi
              label={t('invoice.kpiDaysToPayment')}
              value={days === null || days === undefined ? '—' : t('invoice.days', { days: lang === 'de' ? days.replace('.', ',') : days })}
              testId="kpi-days-to-payment"
            />
            <Kpi label={t('invoice.kpiDrafts')} value={formatNumber(s.draftCount)} testId="kpi-drafts" href={listLink(['draft'])} />
          </div>
          <div className="grid-2">
            <Card title={t('invoice.paidPerMonth', { year: s.year })} testId="chart-paid-per-month">
              <MonthlyBarChart
                label={t('invoice.paidChartLabel', { year: s.year })}
                data={s.paidByMonth.map((m) => ({
                  month: `${s.year}-${String(m.month).padStart(2, '0')}`,
                  // Only the bar's height comes from the number; the labels show the exact string.
                  count: Number(m.amount),
                  title: formatMoney(m.amount),
                  short: compact.format(Number(m.amount)),
                }))}
              />
            </Card>
            <Card title={t('invoice.topCustomers', { year: s.year })} testId="top-customers">
              {!s.topCustomers.length ? (
                <Empty>{t('invoice.noTopCustomers')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th>{t('invoice.customer')}</th>
                        <th className="num">{t('invoice.paid')}</th>
                        <th className="num">{t('invoice.invoicedNet')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.topCustomers.map((c) => (
                        <tr key={c.id} data-testid="top-customer-row">
                          <td>
                            <Link href={`/invoices/list?customerId=${c.id}`}>{c.name}</Link>
                          </td>
                          <td className="num nowrap">{formatMoney(c.paidAmount)}</td>
                          <td className="num nowrap">{formatMoney(c.invoicedNet)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
          </div>
        </>
      ) : null}
    </>
  );
}
