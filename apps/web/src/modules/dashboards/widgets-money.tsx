import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Kpi } from '../../ui/kpi.tsx';
import { Empty, Loading } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { MonthlyBarChart } from '../../ui/monthly-bar-chart.tsx';
import { CategoryBars } from '../finance/category-bars.tsx';
import { WidgetNoAccess } from './widget-frame.tsx';

/** The home figures: one query shared by the KPI and the expenses widgets. */
function useKpis() {
  const trpc = useTRPC();
  return useQuery(trpc.dashboards.kpis.queryOptions(undefined, { staleTime: 60_000 }));
}

/** Money (with invoices.read) and time as key figures. */
export function KpiWidget() {
  const { t, formatMoney, formatNumber, formatPercent, lang } = useI18n();
  const kpis = useKpis();
  if (kpis.isPending) return <Loading />;
  if (!kpis.data) return <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />;
  const { finance, time } = kpis.data;
  const hours = lang === 'de' ? time.hoursThisWeek.replace('.', ',') : time.hoursThisWeek;
  return (
    <div className="kpi-grid widget-kpis">
      {finance ? (
        <>
          <Kpi label={t('home.revenueMonth')} value={formatMoney(finance.revenueThisMonth)} testId="kpi-revenue-month" />
          <Kpi label={t('home.revenueYear')} value={formatMoney(finance.revenueThisYear)} testId="kpi-revenue-year" />
          <Kpi label={t('home.outstanding')} value={formatMoney(finance.outstandingAmount)} testId="kpi-home-outstanding" href="/invoices/list?status=finalized&status=sent&status=partially_paid&status=overdue" />
          <Kpi label={t('home.overdue', { count: formatNumber(finance.overdueCount) })} value={formatMoney(finance.overdueAmount)} testId="kpi-home-overdue" href="/invoices/list?status=overdue" />
        </>
      ) : null}
      <Kpi label={time.scope === 'all' ? t('home.hoursWeekAll') : t('home.hoursWeek')} value={`${hours} h`} testId="kpi-hours-week" />
      <Kpi label={t('home.billableRatio')} value={formatPercent(time.billableRatioThisMonth)} testId="kpi-billable-ratio" />
    </div>
  );
}

/** Net expenses per category this year (with finance.read). */
export function ExpensesWidget() {
  const kpis = useKpis();
  if (kpis.isPending) return <Loading />;
  if (!kpis.data) return <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />;
  const rows = kpis.data.expensesByCategory;
  if (rows === null) return <WidgetNoAccess />;
  const year = kpis.data.today.slice(0, 4);
  return <CategoryBars rows={rows} linkTo={(c) => `/finance/expenses?category=${c}&from=${year}-01-01&to=${year}-12-31`} />;
}

/** Money received per month this year. */
export function RevenueWidget() {
  const { t, lang, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const year = Number(berlinDay().slice(0, 4));
  const stats = useQuery({ ...trpc.invoices.statistics.queryOptions({ year }), enabled: can('invoices.read') });
  if (!can('invoices.read')) return <WidgetNoAccess />;
  if (stats.isPending) return <Loading />;
  if (!stats.data) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const compact = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { notation: 'compact', maximumFractionDigits: 1 });
  return (
    <MonthlyBarChart
      label={t('invoice.paidChartLabel', { year: s.year })}
      data={s.paidByMonth.map((m) => ({
        month: `${s.year}-${String(m.month).padStart(2, '0')}`,
        count: Number(m.amount),
        title: formatMoney(m.amount),
        short: compact.format(Number(m.amount)),
      }))}
    />
  );
}

/** The five invoices overdue the longest. */
export function OverdueInvoicesWidget() {
  const { t, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const list = useQuery({
    ...trpc.invoices.list.queryOptions({ page: 1, pageSize: 5, type: 'invoice', status: ['overdue'], sort: 'dueDate', direction: 'asc' }),
    enabled: can('invoices.read'),
  });
  if (!can('invoices.read')) return <WidgetNoAccess />;
  if (list.isPending) return <Loading />;
  if (!list.data) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data.items.length) return <Empty>{t('home.noOverdue')}</Empty>;
  return (
    <ul className="plain-list widget-invoices">
      {list.data.items.map((i) => (
        <li key={i.id} data-testid="widget-overdue-invoice">
          <span className="widget-line">
            <Link href={`/invoices/${i.id}`} className="mono">
              {i.number ?? t('invoice.draftNumber')}
            </Link>
            <strong className="nowrap">{formatMoney(i.outstandingAmount)}</strong>
          </span>
          <span className="widget-line muted small">
            <span className="widget-ellipsis">{i.customer.name}</span>
            <Badge tone="danger">{t('project.dueOn', { date: formatDate(i.dueDate) })}</Badge>
          </span>
        </li>
      ))}
    </ul>
  );
}
