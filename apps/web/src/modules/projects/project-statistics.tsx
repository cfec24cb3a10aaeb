import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card, Loading } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { FINANCE_READERS } from '../finance/expense-options.ts';
import { BudgetBar } from './budget-bar.tsx';

function Figure({ label, value, testId, amount, tone, children }: { label: string; value: ReactNode; testId: string; amount?: string; tone?: 'negative'; children?: ReactNode }) {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`} data-testid={testId} data-amount={amount}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
      {children}
    </div>
  );
}

/** Hours, money (revenue, expenses, margin), budget and schedule of one project, as the API computes them. */
export function ProjectStatistics({ projectId, budget }: { projectId: string; budget: string | null }) {
  const { t, formatMoney, formatHours, formatNumber, formatPercent } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const stats = useQuery(trpc.projects.statistics.queryOptions({ id: projectId }));
  const hours = (minutes: number) => `${formatHours(minutes)} h`;

  return (
    <Card title={t('project.statistics')} testId="project-statistics">
      <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      {stats.isPending ? (
        <Loading />
      ) : stats.data ? (
        <div className="figures">
          <Figure label={t('project.totalHours')} value={hours(stats.data.totalMinutes)} testId="stat-total-hours">
            <span className="muted small">{t('project.nonBillableHours', { hours: hours(stats.data.nonBillableMinutes) })}</span>
          </Figure>
          <Figure label={t('project.billableHours')} value={hours(stats.data.billableMinutes)} testId="stat-billable-hours" />
          <Figure label={t('project.billableAmount')} value={formatMoney(stats.data.billableAmount)} testId="stat-billable-amount" />
          <Figure label={t('project.unbilledAmount')} value={formatMoney(stats.data.unbilledAmount)} testId="stat-unbilled-amount">
            <span className="muted small">{t('project.invoicedAmount', { amount: formatMoney(stats.data.invoicedAmount) })}</span>
          </Figure>
          {/* Money from invoices and expenses comes only to those allowed to see it (null otherwise): no empty tiles. */}
          {stats.data.revenue !== null ? (
            <Figure label={t('project.revenue')} value={formatMoney(stats.data.revenue)} testId="project-revenue" amount={stats.data.revenue}>
              <span className="muted small">{t('project.revenueHint')}</span>
            </Figure>
          ) : null}
          {stats.data.expenses !== null ? (
            <Figure label={t('project.expenses')} value={formatMoney(stats.data.expenses)} testId="project-expenses" amount={stats.data.expenses}>
              {can(FINANCE_READERS) ? (
                <Link href={`/finance/expenses?projectId=${projectId}`} className="small">
                  {t('project.expensesLink')}
                </Link>
              ) : (
                <span className="muted small">{t('project.expensesHint')}</span>
              )}
            </Figure>
          ) : null}
          {stats.data.margin !== null ? (
            <Figure
              label={t('project.margin')}
              value={formatMoney(stats.data.margin)}
              testId="project-margin"
              amount={stats.data.margin}
              tone={stats.data.margin.startsWith('-') ? 'negative' : undefined}
            >
              <span className="muted small">{t('project.marginHint')}</span>
            </Figure>
          ) : null}
          <Figure label={t('project.budget')} value={formatMoney(budget)} testId="stat-budget">
            <BudgetBar utilisation={stats.data.budgetUtilisation} testId="stat-budget-utilisation" />
            {stats.data.budgetRemaining !== null ? (
              <span className="muted small">{t('project.budgetRemaining', { amount: formatMoney(stats.data.budgetRemaining) })}</span>
            ) : null}
          </Figure>
          <Figure
            label={t('project.schedule')}
            value={formatPercent(stats.data.completionPercentage)}
            testId="stat-schedule"
          >
            {stats.data.overdue ? (
              <Badge tone="danger">{t('project.overdueBy', { days: formatNumber(-(stats.data.daysUntilDeadline ?? 0)) })}</Badge>
            ) : stats.data.daysUntilDeadline !== null ? (
              <span className="muted small">{t('project.daysLeft', { days: formatNumber(stats.data.daysUntilDeadline) })}</span>
            ) : null}
          </Figure>
          <Figure label={t('project.entries')} value={formatNumber(stats.data.entryCount)} testId="stat-entries">
            <span className="muted small">{t('project.openEntries', { count: formatNumber(stats.data.openEntryCount) })}</span>
          </Figure>
        </div>
      ) : null}
    </Card>
  );
}
