import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { emptyLine, linesInput, OrderLinesForm } from './order-lines-form.tsx';

/** `/inventory/purchase-orders` (Bestellungen): purchase orders to suppliers; a new one is priced from the supplier's prices. */
export function PurchaseOrdersPage() {
  const { t, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const [page, setPage] = usePage([]);
  const list = useQuery({ ...trpc.inventory.purchasing.list.queryOptions({ page, pageSize: 25 }), placeholderData: keepPreviousData });
  const locations = useQuery(trpc.inventory.locations.list.queryOptions());
  const suppliers = useQuery(trpc.inventory.suppliers.queryOptions());
  const [f, setF] = useState({ supplierId: '', locationId: '', orderDate: berlinDay(), lines: [emptyLine()] });
  const create = useMutation(trpc.inventory.purchasing.create.mutationOptions({ onSuccess: (o) => navigate(`/inventory/purchase-orders/${o.id}`) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ supplierId: f.supplierId, locationId: f.locationId, orderDate: f.orderDate, lines: linesInput(f.lines) });
  };
  return (
    <>
      <PageHeader title={t('purchasing.title')}>
        <span className="muted small">{t('purchasing.hint')}</span>
      </PageHeader>
      {can('orders.write') ? (
        <Card title={t('purchasing.new')} testId="purchase-form">
          <ErrorAlert error={create.error} testId="purchase-error" />
          <form className="form-grid" onSubmit={submit}>
            <SelectField name="supplierId" label={t('purchasing.supplier')} value={f.supplierId} onChange={(supplierId) => setF((o) => ({ ...o, supplierId }))} emptyLabel="—" options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))} required />
            <SelectField name="locationId" label={t('purchasing.receiveInto')} value={f.locationId} onChange={(locationId) => setF((o) => ({ ...o, locationId }))} emptyLabel="—" options={(locations.data ?? []).filter((l) => !l.virtual).map((l) => ({ value: l.id, label: l.path }))} required />
            <TextField name="orderDate" type="date" label={t('orders.date')} value={f.orderDate} onChange={(orderDate) => setF((o) => ({ ...o, orderDate }))} />
            <OrderLinesForm lines={f.lines} onChange={(lines) => setF((o) => ({ ...o, lines }))} />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={create.isPending}>
                {t('common.create')}
              </button>
            </div>
          </form>
        </Card>
      ) : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('purchasing.empty')} testId="purchase-list">
        {(items) => (
          <table className="table">
            <tbody>
              {items.map((o) => (
                <tr key={o.id} data-testid="purchase-row">
                  <td>
                    <Link href={`/inventory/purchase-orders/${o.id}`}>{o.number}</Link>
                  </td>
                  <td>{o.supplierName}</td>
                  <td>{formatDate(o.orderDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListCard>
    </>
  );
}
