import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { STATUS_TONES } from '../../ui/enum-options.ts';
import { Modal } from '../../ui/modal.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { ReminderQuickAdd } from '../reminders/reminder-quick-add.tsx';
import { ActivitySection } from './activity-section.tsx';
import { ContactsSection } from './contacts-section.tsx';
import { CustomerDetails } from './customer-details.tsx';
import { CustomerForm } from './customer-form.tsx';
import { CustomerOverview } from './customer-overview.tsx';

export function CustomerDetailPage({ id }: { id: string }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [editing, setEditing] = useState(false);
  const customer = useQuery(trpc.crm.customers.get.queryOptions({ id }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });

  const remove = useMutation(
    trpc.crm.customers.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        navigate('/crm/customers');
      },
    }),
  );
  const restore = useMutation(trpc.crm.customers.restore.mutationOptions({ onSuccess: () => invalidate() }));

  if (customer.isPending) return <Loading />;
  if (customer.isError || !customer.data) {
    return (
      <>
        <p>
          <Link href="/crm/customers">‹ {t('customer.listTitle')}</Link>
        </p>
        <ErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />
      </>
    );
  }

  const c = customer.data;
  const isDeleted = !!c.deletedAt;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/crm/customers">‹ {t('customer.listTitle')}</Link>
      </p>
      <PageHeader
        title={
          <>
            <span className="mono muted title-number" data-testid="customer-number">{c.customerNumber}</span>{' '}
            <span data-testid="customer-name">{c.name}</span>
          </>
        }
        actions={
          <>
            {!isDeleted ? <ReminderQuickAdd entity="customer" entityId={c.id} /> : null}
            {can('crm.write') && !isDeleted ? (
              <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="edit-customer">
                {t('common.edit')}
              </button>
            ) : null}
            {can('crm.delete') && !isDeleted ? (
              <button
                type="button"
                className="btn btn-danger"
                disabled={remove.isPending}
                onClick={() => window.confirm(t('customer.confirmDelete', { name: c.name })) && remove.mutate({ id: c.id })}
                data-testid="delete-customer"
              >
                {t('common.delete')}
              </button>
            ) : null}
            {can('crm.restore') && isDeleted ? (
              <button type="button" className="btn" disabled={restore.isPending} onClick={() => restore.mutate({ id: c.id })} data-testid="restore-customer">
                {t('common.restore')}
              </button>
            ) : null}
          </>
        }
      >
        <Badge tone={STATUS_TONES[c.status]} testId="customer-status">
          {tOr(`customerStatus.${c.status}`, c.status)}
        </Badge>
      </PageHeader>
      {isDeleted ? <Alert kind="warning">{t('customer.isDeleted')}</Alert> : null}
      <ErrorAlert error={remove.error ?? restore.error} />
      <CustomerDetails customer={c} />
      <CustomerOverview customerId={c.id} />
      <ContactsSection customerId={c.id} readOnly={isDeleted} />
      <ActivitySection customerId={c.id} readOnly={isDeleted} />
      {editing ? (
        <Modal title={t('customer.edit')} onClose={() => setEditing(false)} testId="customer-dialog" wide>
          <CustomerForm key={c.version} customer={c} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
        </Modal>
      ) : null}
    </>
  );
}
