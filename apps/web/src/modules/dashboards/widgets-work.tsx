import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Empty, Loading } from '../../ui/page.tsx';
import { BudgetBar } from '../projects/budget-bar.tsx';
import { projectLabel } from '../../pickers/project-options.ts';
import { ReminderList } from '../reminders/reminder-list.tsx';
import { Timer } from '../time-tracking/timer.tsx';

/** The running timer, the same one as in the top bar (one query), a bit larger. */
export function TimerWidget() {
  const { t } = useI18n();
  return (
    <>
      <Timer testIdPrefix="widget-timer" className="timer-widget" />
      <p className="muted small widget-note">
        <Link href="/time/timesheet">{t('nav.timesheet')}</Link> · <Link href="/time">{t('nav.timeEntries')}</Link>
      </p>
    </>
  );
}

/** One's next five open (or overdue) reminders, soonest first. */
export function RemindersWidget() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const list = useQuery(trpc.reminders.list.queryOptions({ page: 1, pageSize: 5, status: ['open', 'overdue'] }));
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data?.items.length) return <Empty>{t('reminder.noneOpen')}</Empty>;
  return <ReminderList items={list.data.items} compact />;
}

/** Open projects with a budget, the most used first. */
export function BudgetsWidget() {
  const { t, formatMoney } = useI18n();
  const trpc = useTRPC();
  const open = useQuery(trpc.projects.list.queryOptions({ page: 1, pageSize: 100, status: ['planning', 'active', 'on_hold'], sort: 'deadline', direction: 'asc' }));
  if (open.isPending) return <Loading />;
  if (open.error) return <ErrorAlert error={open.error} onRetry={() => void open.refetch()} />;
  const budgeted = (open.data?.items ?? [])
    .filter((p) => p.budgetUtilisation !== null)
    .sort((a, b) => Number(b.budgetUtilisation) - Number(a.budgetUtilisation))
    .slice(0, 6);
  if (!budgeted.length) return <Empty>{t('project.noBudgets')}</Empty>;
  return (
    <ul className="budget-list">
      {budgeted.map((p) => (
        <li key={p.id} data-testid="widget-budget-row">
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
  );
}
