import type { DashboardWidget } from '@workmate/domain/enums';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { WIDGET_PERMISSION } from './dashboard-layout.ts';
import { WidgetNoAccess } from './widget-frame.tsx';
import { ExpensesWidget, KpiWidget, OverdueInvoicesWidget, RevenueWidget } from './widgets-money.tsx';
import { BudgetsWidget, RemindersWidget, TimerWidget } from './widgets-work.tsx';

const BODIES: Record<DashboardWidget, () => ReactNode> = {
  running_timer: TimerWidget,
  upcoming_reminders: RemindersWidget,
  kpi_cards: KpiWidget,
  revenue_chart: RevenueWidget,
  overdue_invoices: OverdueInvoicesWidget,
  project_budgets: BudgetsWidget,
  expenses_by_category: ExpensesWidget,
};

/** Where the "all" link of a widget leads. */
const LINKS: Partial<Record<DashboardWidget, string>> = {
  upcoming_reminders: '/reminders',
  revenue_chart: '/invoices',
  overdue_invoices: '/invoices/list?status=overdue',
  project_budgets: '/projects',
  expenses_by_category: '/finance',
};

/** The content of a widget, or a short note when its figures are not for this user. */
export function WidgetBody({ type }: { type: DashboardWidget }) {
  const can = useCan();
  const permission = WIDGET_PERMISSION[type];
  if (permission && !can(permission)) return <WidgetNoAccess />;
  const Body = BODIES[type];
  return <Body />;
}

export function WidgetLink({ type }: { type: DashboardWidget }) {
  const { t } = useI18n();
  const can = useCan();
  const href = LINKS[type];
  const permission = WIDGET_PERMISSION[type];
  if (!href || (permission && !can(permission))) return null;
  return (
    <Link href={href} className="small">
      {t('dashboard.more')}
    </Link>
  );
}
