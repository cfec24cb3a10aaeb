import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Kpi } from '../../ui/kpi.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { BudgetBar } from './budget-bar.tsx';
import { projectLabel } from '../../pickers/project-options.ts';

const COUNT = { page: 1, pageSize: 1 } as const;

/** `/projects`: how many projects run and are late, and how far each open one is into its budget. */
export function ProjectDashboardPage() {
  const { t, formatNumber, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const active = useQuery(trpc.projects.list.queryOptions({ ...COUNT, status: ['active'] }));
  const planning = useQuery(trpc.projects.list.queryOptions({ ...COUNT, status: ['planning'] }));
  const overdue = useQuery(trpc.projects.list.queryOptions({ page: 1, pageSize: 10, overdue: true, sort: 'deadline', direction: 'asc' }));
  const open = useQuery(trpc.projects.list.queryOptions({ page: 1, pageSize: 100, status: ['planning', 'active', 'on_hold'], sort: 'deadline', direction: 'asc' }));
  const error = active.error ?? planning.error ?? overdue.error ?? open.error;
  const count = (q: { data?: { total: number } | undefined }) => (q.data ? formatNumber(q.data.total) : '…');
  // Highest utilisation first; projects without a budget have nothing to show here.
  const budgeted = (open.data?.items ?? [])
    .filter((p) => p.budgetUtilisation !== null)
    .sort((a, b) => Number(b.budgetUtilisation) - Number(a.budgetUtilisation));

  return (
    <>
      <PageHeader
        title={t('project.dashboardTitle')}
        actions={
          can('projects.write') ? (
            <Link href="/projects/new" className="btn btn-primary" data-testid="new-project">
              + {t('project.new')}
            </Link>
          ) : null
        }
      />
      <ErrorAlert error={error} onRetry={() => void Promise.all([active.refetch(), planning.refetch(), overdue.refetch(), open.refetch()])} />
      <div className="kpi-grid">
        <Kpi label={t('project.kpiActive')} value={count(active)} testId="kpi-active-projects" href="/projects/list?status=active" />
        <Kpi label={t('project.kpiOverdue')} value={count(overdue)} testId="kpi-overdue-projects" href="/projects/list?overdue=1" />
        <Kpi label={t('project.kpiPlanning')} value={count(planning)} testId="kpi-planning-projects" href="/projects/list?status=planning" />
      </div>
      <div className="grid-2">
        <Card title={t('project.budgetTitle')} testId="budget-utilisation">
          {open.isPending ? (
            <Loading />
          ) : !budgeted.length ? (
            <Empty>{t('project.noBudgets')}</Empty>
          ) : (
            <ul className="budget-list">
              {budgeted.map((p) => (
                <li key={p.id} data-testid="budget-row">
                  <Link href={`/projects/${p.id}`} className="budget-name">
                    {projectLabel(p)}
                  </Link>
                  <BudgetBar utilisation={p.budgetUtilisation} />
                  <span className="muted small">
                    {formatMoney(p.billableAmount)} / {formatMoney(p.budget)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('project.overdueTitle')} testId="overdue-projects">
          {overdue.isPending ? (
            <Loading />
          ) : !overdue.data?.items.length ? (
            <Empty>{t('project.noneOverdue')}</Empty>
          ) : (
            <ul className="plain-list">
              {overdue.data.items.map((p) => (
                <li key={p.id}>
                  <Link href={`/projects/${p.id}`}>{projectLabel(p)}</Link>
                  <Badge tone="danger">{t('project.dueOn', { date: formatDate(p.deadline) })}</Badge>
                  <div className="muted small">{p.customer.name}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
