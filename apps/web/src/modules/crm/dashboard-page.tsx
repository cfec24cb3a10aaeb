import { useQuery } from '@tanstack/react-query';
import { CUSTOMER_STATUSES, CUSTOMER_TYPES } from '@workmate/domain/enums';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Kpi } from '../../ui/kpi.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { MonthlyBarChart } from '../../ui/monthly-bar-chart.tsx';

function Breakdown({ title, counts, keys, prefix, testId }: { title: string; counts: Record<string, number>; keys: readonly string[]; prefix: string; testId: string }) {
  const { tOr, formatNumber } = useI18n();
  const total = Math.max(1, ...keys.map((k) => counts[k] ?? 0));
  return (
    <Card title={title} testId={testId}>
      <ul className="breakdown">
        {keys.map((key) => {
          const count = counts[key] ?? 0;
          return (
            <li key={key}>
              <span className="breakdown-label">{tOr(`${prefix}.${key}`, key)}</span>
              <span className="breakdown-bar" aria-hidden="true">
                <span style={{ width: `${(count / total) * 100}%` }} />
              </span>
              <span className="breakdown-count">{formatNumber(count)}</span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

export function DashboardPage() {
  const { t, formatNumber } = useI18n();
  const trpc = useTRPC();
  const stats = useQuery(trpc.crm.stats.queryOptions());

  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      {stats.isPending ? (
        <Loading />
      ) : stats.data ? (
        <>
          <div className="kpi-grid">
            <Kpi label={t('dashboard.totalCustomers')} value={formatNumber(stats.data.totalCustomers)} testId="kpi-customers" href="/crm/customers" />
            <Kpi label={t('dashboard.totalContacts')} value={formatNumber(stats.data.totalContacts)} testId="kpi-contacts" href="/crm/contacts" />
            <Kpi label={t('dashboard.activities30')} value={formatNumber(stats.data.activitiesLast30Days)} testId="kpi-activities" />
          </div>
          <div className="grid-2">
            <Breakdown title={t('dashboard.byStatus')} counts={stats.data.byStatus} keys={CUSTOMER_STATUSES} prefix="customerStatus" testId="stats-by-status" />
            <Breakdown title={t('dashboard.byType')} counts={stats.data.byType} keys={CUSTOMER_TYPES} prefix="customerType" testId="stats-by-type" />
          </div>
          <Card title={t('dashboard.newPerMonth')} testId="chart-new-per-month">
            <MonthlyBarChart data={stats.data.newPerMonth} />
          </Card>
        </>
      ) : null}
    </>
  );
}
