import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePage } from '../../lib/use-page.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { ListCard, SortableTable } from '../../ui/sortable-table.tsx';
import { InvoiceStatusBadge } from '../invoices/invoice-status-badge.tsx';
import { RecurringState } from './recurring-state.tsx';
import { useInvalidateRecurring, type RecurringPeriod } from './recurring-values.ts';

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children || '—'}</dd>
    </div>
  );
}

/** `/invoices/recurring/:id`: the template, pause/resume/delete, and the invoices it made (one per period). */
export function RecurringDetailPage({ id }: { id: string }) {
  const { t, tOr, formatDate, formatMoney, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const invalidate = useInvalidateRecurring();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const template = useQuery(trpc.invoices.recurring.get.queryOptions({ id }));
  const [page, setPage] = usePage([id]);
  const periods = useQuery({ ...trpc.invoices.recurring.invoices.queryOptions({ id, page, pageSize: 25 }), placeholderData: keepPreviousData });
  const done = { onSuccess: () => invalidate() };
  const pause = useMutation(trpc.invoices.recurring.pause.mutationOptions(done));
  const resume = useMutation(trpc.invoices.recurring.resume.mutationOptions(done));
  const remove = useMutation(trpc.invoices.recurring.delete.mutationOptions({ onSuccess: async () => {
    await invalidate();
    navigate('/invoices/recurring');
  } }));

  const back = (
    <p className="breadcrumb">
      <Link href="/invoices/recurring">‹ {t('recurring.title')}</Link>
    </p>
  );
  if (template.isPending) return <Loading />;
  if (!template.data) {
    return (
      <>
        {back}
        <ErrorAlert error={template.error} onRetry={() => void template.refetch()} />
      </>
    );
  }
  const r = template.data;
  const write = can('invoices.write');
  return (
    <>
      {back}
      <PageHeader
        title={r.name}
        actions={
          write ? (
            <>
              <Link href={`/invoices/recurring/${r.id}/edit`} className="btn" data-testid="recurring-edit">
                {t('common.edit')}
              </Link>
              {r.active ? (
                <button type="button" className="btn" disabled={pause.isPending} onClick={() => pause.mutate({ id: r.id })} data-testid="recurring-pause">
                  {t('recurring.pause')}
                </button>
              ) : (
                <button type="button" className="btn" disabled={resume.isPending} onClick={() => resume.mutate({ id: r.id })} data-testid="recurring-resume">
                  {t('recurring.resume')}
                </button>
              )}
              <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)} data-testid="recurring-delete">
                {t('common.delete')}
              </button>
            </>
          ) : null
        }
      >
        <RecurringState template={r} />
      </PageHeader>
      <ErrorAlert error={pause.error ?? resume.error ?? remove.error} />
      {r.lastError ? (
        <Alert kind="warning" testId="recurring-last-error">
          {t('recurring.lastError', { at: formatDateTime(r.lastErrorAt) })} {r.lastError}
        </Alert>
      ) : null}
      <Card title={t('recurring.sectionSchedule')} testId="recurring-facts">
        <dl className="details">
          <Item label={t('invoice.customer')}>
            <Link href={`/crm/customers/${r.customer.id}`}>{r.customer.name}</Link>
          </Item>
          <Item label={t('recurring.interval')}>{tOr(`recurring.intervalName.${r.interval}`, r.interval)}</Item>
          <Item label={t('recurring.startDate')}>{formatDate(r.startDate)}</Item>
          <Item label={t('recurring.endDate')}>{r.endDate ? formatDate(r.endDate) : t('recurring.noEnd')}</Item>
          <Item label={t('recurring.nextDate')} testId="recurring-next-date">
            {!r.active ? t('recurring.pausedNext') : r.nextDate ? formatDate(r.nextDate) : t('recurring.ended')}
          </Item>
          <Item label={t('recurring.netPerPeriod')}>{formatMoney(r.netTotal)}</Item>
          <Item label={t('recurring.createdBy')}>{r.createdBy?.name}</Item>
        </dl>
      </Card>
      <h2 className="section-title">{t('recurring.generated')}</h2>
      <p className="muted small">{t('recurring.generatedHint')}</p>
      <ErrorAlert error={periods.error} onRetry={() => void periods.refetch()} />
      <ListCard loading={periods.isPending} result={periods.data} onPage={setPage} empty={t('recurring.noInvoicesYet')} testId="recurring-periods">
        {(items) => <PeriodTable items={items} />}
      </ListCard>
      {confirmDelete ? (
        <ConfirmDialog title={t('recurring.deleteTitle')} confirmLabel={t('common.delete')} danger pending={remove.isPending} onConfirm={() => remove.mutate({ id: r.id })} onClose={() => setConfirmDelete(false)}>
          {t('recurring.deleteBody')}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function PeriodTable({ items }: { items: readonly RecurringPeriod[] }) {
  const { t, tOr, formatDate, formatMoney } = useI18n();
  return (
    <SortableTable
      testId="recurring-period-table"
      sort={{ sort: 'period', direction: 'desc' }}
      onSort={() => undefined}
      columns={[{ label: t('invoice.servicePeriod') }, { label: t('invoice.number') }, { label: t('invoice.status') }, { label: t('invoice.gross'), className: 'num' }, { label: t('recurring.notes'), className: 'col-low' }]}
    >
      {items.map((p) => (
        <tr key={p.id} data-testid="recurring-period-row">
          <td className="nowrap">{`${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}`}</td>
          <td className="nowrap">
            {p.invoice ? (
              <Link href={`/invoices/${p.invoice.id}`} className="mono" data-testid="recurring-period-invoice">
                {p.invoice.number ?? t('invoice.draftNumber')}
              </Link>
            ) : (
              <span className="muted">{t('recurring.invoiceDeleted')}</span>
            )}
          </td>
          <td>{p.invoice ? <InvoiceStatusBadge status={p.invoice.status} /> : null}</td>
          <td className="num nowrap">{p.invoice ? formatMoney(p.invoice.grossTotal) : null}</td>
          <td className="col-low small">
            {p.finalizeError ? <div className="text-danger">{t('recurring.notFinalized', { reason: p.finalizeError })}</div> : null}
            {p.sendStatus ? <div>{tOr(`recurring.send.${p.sendStatus}`, p.sendStatus)}{p.sendError ? `: ${p.sendError}` : ''}</div> : null}
          </td>
        </tr>
      ))}
    </SortableTable>
  );
}
