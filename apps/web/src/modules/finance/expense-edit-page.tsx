import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { projectLabel } from '../../pickers/project-options.ts';
import { ReminderQuickAdd } from '../reminders/reminder-quick-add.tsx';
import { useInvalidateExpenses, useMayChangeExpense } from './expense-options.ts';
import { ExpenseForm } from './expense-form.tsx';
import { ExpenseBadges } from './expense-status.tsx';

const LIST = '/finance/expenses';

/** `/finance/expenses/new[?projectId=…]` (id null) or `/finance/expenses/:id`. */
export function ExpenseEditPage({ id }: { id: string | null }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const mayChange = useMayChangeExpense();
  const invalidate = useInvalidateExpenses();
  const [saved, setSaved] = useState(params.get('saved') === '1');
  const [deleting, setDeleting] = useState(false);
  const expense = useQuery({ ...trpc.finance.expenses.get.queryOptions({ id: id ?? '' }), enabled: id !== null });
  const remove = useMutation(
    trpc.finance.expenses.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        navigate(LIST);
      },
      onSettled: () => setDeleting(false),
    }),
  );
  const back = (
    <p className="breadcrumb">
      <Link href={LIST}>‹ {t('expense.listTitle')}</Link>
    </p>
  );
  const today = berlinDay();

  if (id === null) {
    const projectId = params.get('projectId') ?? '';
    return (
      <>
        <p className="breadcrumb">
          {projectId && can('projects.read') ? <Link href={`/projects/${projectId}`}>‹ {t('project.listTitle')}</Link> : <Link href={LIST}>‹ {t('expense.listTitle')}</Link>}
        </p>
        <PageHeader title={t('expense.new')} />
        <ExpenseForm
          key={projectId}
          preset={{ projectId, today }}
          editable
          onSaved={(e) => navigate(`${LIST}/${e.id}?saved=1`, { replace: true })}
          onCancel={() => navigate(projectId ? `/projects/${projectId}` : LIST)}
        />
      </>
    );
  }
  if (expense.isPending) return <Loading />;
  if (!expense.data) {
    return (
      <>
        {back}
        <ErrorAlert error={expense.error} onRetry={() => void expense.refetch()} />
      </>
    );
  }
  const e = expense.data;
  const editable = mayChange(e);
  return (
    <>
      {back}
      <PageHeader
        title={<span data-testid="expense-heading">{e.title}</span>}
        actions={
          <>
            <ReminderQuickAdd entity="expense" entityId={e.id} />
            {editable ? (
              <button type="button" className="btn btn-danger" onClick={() => setDeleting(true)} data-testid="expense-delete">
                {t('common.delete')}
              </button>
            ) : null}
          </>
        }
      >
        <ExpenseBadges expense={e} />
        <span className="muted">{e.employee.name}</span>
        {e.project ? (
          can('projects.read') ? (
            <Link href={`/projects/${e.project.id}`} className="small">
              {projectLabel(e.project)}
            </Link>
          ) : (
            <span className="muted small">{projectLabel(e.project)}</span>
          )
        ) : null}
      </PageHeader>
      {saved ? (
        <Alert kind="success" testId="expense-saved">
          <span>{t('common.saved')}</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setSaved(false)} aria-label={t('common.close')}>
            ×
          </button>
        </Alert>
      ) : null}
      {e.supplierInvoiceId ? (
        <Alert kind="info" testId="expense-from-einvoice">
          <Link href={`/finance/inbox/${e.supplierInvoiceId}`}>{t('einvoiceIn.expenseFrom')}</Link>
        </Alert>
      ) : null}
      {e.billed ? <Alert kind="info">{t('expense.billedNote')}</Alert> : !editable ? <Alert kind="info">{t('expense.readOnlyNote')}</Alert> : null}
      <ErrorAlert error={remove.error} />
      <ExpenseForm
        key={e.version}
        expense={e}
        preset={{ projectId: '', today }}
        editable={editable}
        onSaved={() => setSaved(true)}
        onCancel={() => navigate(LIST)}
      />
      {deleting ? (
        <ConfirmDialog title={t('expense.deleteTitle')} confirmLabel={t('common.delete')} danger pending={remove.isPending} onConfirm={() => remove.mutate({ id: e.id })} onClose={() => setDeleting(false)}>
          <p>{t('expense.deleteText', { title: e.title })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
