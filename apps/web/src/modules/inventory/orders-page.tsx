import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { quantityText } from './format.ts';
import { emptyLine, linesInput, OrderLinesForm } from './order-lines-form.tsx';

/** `/inventory/orders` (Aufträge): order confirmations with what is delivered and invoiced; a new one reserves stock. */
export function OrdersPage() {
  const { t, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const [page, setPage] = usePage([]);
  const list = useQuery({ ...trpc.inventory.orders.list.queryOptions({ page, pageSize: 25 }), placeholderData: keepPreviousData });
  const locations = useQuery(trpc.inventory.locations.list.queryOptions());
  const [f, setF] = useState({ customerId: '', locationId: '', orderDate: berlinDay(), lines: [emptyLine()] });
  const create = useMutation(trpc.inventory.orders.create.mutationOptions({ onSuccess: (o) => navigate(`/inventory/orders/${o.id}`) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ customerId: f.customerId, locationId: f.locationId, orderDate: f.orderDate, lines: linesInput(f.lines) });
  };
  return (
    <>
      <PageHeader title={t('orders.title')}>
        <span className="muted small">{t('orders.hint')}</span>
      </PageHeader>
      {can('orders.write') ? (
        <Card title={t('orders.new')} testId="order-form">
          <ErrorAlert error={create.error} testId="order-error" />
          <form className="form-grid" onSubmit={submit}>
            <CustomerPicker name="customerId" label={t('orders.customer')} value={f.customerId} onChange={(customerId) => setF((o) => ({ ...o, customerId }))} required />
            <SelectField name="locationId" label={t('orders.shipFrom')} value={f.locationId} onChange={(locationId) => setF((o) => ({ ...o, locationId }))} emptyLabel="—" options={(locations.data ?? []).filter((l) => !l.virtual).map((l) => ({ value: l.id, label: l.path }))} required testId="order-location" />
            <TextField name="orderDate" type="date" label={t('orders.date')} value={f.orderDate} onChange={(orderDate) => setF((o) => ({ ...o, orderDate }))} />
            <OrderLinesForm lines={f.lines} onChange={(lines) => setF((o) => ({ ...o, lines }))} />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="order-save">
                {t('common.create')}
              </button>
            </div>
          </form>
        </Card>
      ) : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('orders.empty')} testId="order-list">
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('orders.number')}</th>
                  <th>{t('orders.customer')}</th>
                  <th>{t('orders.date')}</th>
                  <th className="num">{t('orders.ordered')}</th>
                  <th className="num">{t('orders.delivered')}</th>
                  <th className="num">{t('orders.invoiced')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr key={o.id} data-testid="order-row">
                    <td>
                      <Link href={`/inventory/orders/${o.id}`}>{o.number}</Link>
                    </td>
                    <td>{o.customerName}</td>
                    <td>{formatDate(o.orderDate)}</td>
                    <td className="num">{quantityText(o.ordered)}</td>
                    <td className="num">{quantityText(o.delivered)}</td>
                    <td className="num">{quantityText(o.invoiced)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListCard>
    </>
  );
}
