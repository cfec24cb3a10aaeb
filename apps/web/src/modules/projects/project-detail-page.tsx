import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { TabPanel, Tabs } from '../../ui/tabs.tsx';
import { useCan } from '../../lib/session.ts';
import { FINANCE_READERS } from '../finance/expense-options.ts';
import { ProjectExpenses } from '../finance/project-expenses.tsx';
import { InvoiceTimeDialog } from '../invoices/invoice-time-dialog.tsx';
import { ProjectInvoices } from '../invoices/project-invoices.tsx';
import { EntryList } from '../time-tracking/entry-list.tsx';
import { ProjectDetails } from './project-details.tsx';
import { PROJECT_STATUS_TONES } from './project-options.ts';
import { ProjectStatistics } from './project-statistics.tsx';
import { ReminderQuickAdd } from '../reminders/reminder-quick-add.tsx';
import { ChatPanel } from '../chat/chat-panel.tsx';
import { useChatUnread } from '../chat/use-chat-unread.ts';

type Tab = 'overview' | 'time' | 'invoices' | 'expenses' | 'chat';
const TABS: readonly Tab[] = ['overview', 'time', 'invoices', 'expenses', 'chat'];

/** `?tab=expenses` opens a tab directly (links from elsewhere, a reload). */
function tabFromSearch(search: string): Tab {
  const tab = new URLSearchParams(search).get('tab');
  return (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'overview';
}

export function ProjectDetailPage({ id }: { id: string }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const search = useSearch();
  const [tab, setTab] = useState<Tab>(() => tabFromSearch(search));
  const [billing, setBilling] = useState(false);
  const project = useQuery(trpc.projects.get.queryOptions({ id }));
  const chatUnread = useChatUnread().byProject.get(id) ?? 0;
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        navigate('/projects/list');
      },
    }),
  );
  const restore = useMutation(trpc.projects.restore.mutationOptions({ onSuccess: () => invalidate() }));
  const back = (
    <p className="breadcrumb">
      <Link href="/projects/list">‹ {t('project.listTitle')}</Link>
    </p>
  );

  if (project.isPending) return <Loading />;
  if (project.isError || !project.data) {
    return (
      <>
        {back}
        <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
      </>
    );
  }
  const p = project.data;
  const isDeleted = !!p.deletedAt;
  return (
    <>
      {back}
      <PageHeader
        title={
          <>
            <span className="mono muted title-number" data-testid="project-number">{p.projectNumber}</span>{' '}
            <span data-testid="project-title">{p.title}</span>
          </>
        }
        actions={
          <>
            {!isDeleted ? <ReminderQuickAdd entity="project" entityId={p.id} /> : null}
            {can('invoices.write') && !isDeleted ? (
              <button type="button" className="btn" onClick={() => setBilling(true)} data-testid="invoice-time-open">
                {t('invoice.timeOpen')}
              </button>
            ) : null}
            {can('projects.write') && !isDeleted ? (
              <Link href={`/projects/${p.id}/edit`} className="btn" data-testid="edit-project">
                {t('common.edit')}
              </Link>
            ) : null}
            {can('projects.delete') && !isDeleted ? (
              <button
                type="button"
                className="btn btn-danger"
                disabled={remove.isPending}
                onClick={() => window.confirm(t('project.confirmDelete', { name: p.title })) && remove.mutate({ id: p.id })}
                data-testid="delete-project"
              >
                {t('common.delete')}
              </button>
            ) : null}
            {can('projects.restore') && isDeleted ? (
              <button type="button" className="btn" disabled={restore.isPending} onClick={() => restore.mutate({ id: p.id })} data-testid="restore-project">
                {t('common.restore')}
              </button>
            ) : null}
          </>
        }
      >
        <Badge tone={PROJECT_STATUS_TONES[p.status]} testId="project-status">
          {tOr(`projectStatus.${p.status}`, p.status)}
        </Badge>
        <span className="muted">{p.customer.name}</span>
      </PageHeader>
      {isDeleted ? <Alert kind="warning">{t('project.isDeleted')}</Alert> : null}
      <ErrorAlert error={remove.error ?? restore.error} />
      <Tabs<Tab>
        label={t('project.sections')}
        active={tab}
        onChange={setTab}
        items={[
          { id: 'overview', label: t('project.tabOverview') },
          { id: 'time', label: t('project.tabTime'), hidden: !can('timeTracking.read') },
          { id: 'invoices', label: t('project.tabInvoices'), hidden: !can('invoices.read') },
          { id: 'expenses', label: t('project.tabExpenses'), hidden: !can(FINANCE_READERS) },
          { id: 'chat', label: t('project.tabChat'), badge: chatUnread, badgeLabel: t('chat.unreadLabel', { count: chatUnread }) },
        ]}
      />
      {tab === 'overview' ? (
        <TabPanel id="overview">
          <ProjectStatistics projectId={p.id} budget={p.budget} />
          {can(FINANCE_READERS) ? <ProjectExpenses projectId={p.id} readOnly={isDeleted} onShowAll={() => setTab('expenses')} /> : null}
          <ProjectDetails project={p} />
        </TabPanel>
      ) : null}
      {tab === 'time' ? (
        <TabPanel id="time">
          <EntryList filter={{ projectId: p.id }} />
        </TabPanel>
      ) : null}
      {tab === 'invoices' ? (
        <TabPanel id="invoices">
          <ProjectInvoices projectId={p.id} customerId={p.customer.id} />
        </TabPanel>
      ) : null}
      {tab === 'expenses' ? (
        <TabPanel id="expenses">
          <ProjectExpenses projectId={p.id} readOnly={isDeleted} />
        </TabPanel>
      ) : null}
      {tab === 'chat' ? (
        <TabPanel id="chat">
          <ChatPanel key={p.id} projectId={p.id} readOnly={isDeleted} />
        </TabPanel>
      ) : null}
      {billing ? <InvoiceTimeDialog projectId={p.id} onClose={() => setBilling(false)} /> : null}
    </>
  );
}
