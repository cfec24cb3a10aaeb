import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { quantityText } from './format.ts';
import { LinkInvoiceForm } from './link-invoice-form.tsx';

/** `/inventory/purchase-orders/:id`: a purchase order's lines and goods receipts; a receipt may reject part (into the blocked location). */
export function PurchaseOrderPage({ id }: { id: string }) {
  const { t, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const order = useQuery(trpc.inventory.purchasing.get.queryOptions({ id }));
  const [now, setNow] = useState<Record<string, { quantity: string; rejected: string }>>({});
  const [day, setDay] = useState(berlinDay());
  const receive = useMutation(
    trpc.inventory.purchasing.receive.mutationOptions({
      onSuccess: async () => {
        setNow({});
        await queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
      },
    }),
  );
  if (order.isPending) return <Loading />;
  if (!order.data) return <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  const set = (lineId: string, patch: Partial<{ quantity: string; rejected: string }>) => setNow((n) => ({ ...n, [lineId]: { quantity: '', rejected: '', ...n[lineId], ...patch } }));
  const lines = o.lines.map((l) => ({ orderLineId: l.id, quantity: Number(now[l.id]?.quantity || 0), rejected: Number(now[l.id]?.rejected || 0) })).filter((l) => l.quantity > 0);
  return (
    <>
      <PageHeader title={`${o.number} · ${o.supplierName}`}>
        <span className="muted small">{formatDate(o.orderDate)}</span>
      </PageHeader>
      <ErrorAlert error={receive.error} testId="receive-error" />
      <Card testId="purchase-lines">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('orders.article')}</th>
                <th className="num">{t('orders.price')}</th>
                <th className="num">{t('orders.ordered')}</th>
                <th className="num">{t('purchasing.received')}</th>
                <th className="num">{t('purchasing.rejected')}</th>
                <th className="num">{t('orders.invoiced')}</th>
                {can('orders.write') ? <th>{t('purchasing.receiveQuantity')}</th> : null}
                {can('orders.write') ? <th>{t('purchasing.rejectQuantity')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l) => (
                <tr key={l.id} data-testid="purchase-line-row">
                  <td>
                    {l.articleNumber} {l.articleName}
                  </td>
                  <td className="num">{formatMoney(l.unitPrice)}</td>
                  <td className="num">{quantityText(l.quantity)}</td>
                  <td className="num">{quantityText(l.received)}</td>
                  <td className="num">{quantityText(l.rejected)}</td>
                  <td className="num">{quantityText(l.invoiced)}</td>
                  {can('orders.write') ? (
                    <>
                      <td>
                        <input inputMode="numeric" value={now[l.id]?.quantity ?? ''} onChange={(e) => set(l.id, { quantity: e.target.value })} aria-label={`${t('purchasing.receiveQuantity')} ${l.position}`} />
                      </td>
                      <td>
                        <input inputMode="numeric" value={now[l.id]?.rejected ?? ''} onChange={(e) => set(l.id, { rejected: e.target.value })} aria-label={`${t('purchasing.rejectQuantity')} ${l.position}`} />
                      </td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {can('orders.write') ? (
          <div className="form-actions">
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} aria-label={t('inventory.movedOn')} />
            <button type="button" className="btn btn-primary" disabled={receive.isPending || !lines.length} onClick={() => receive.mutate({ orderId: id, receivedOn: day, lines })} data-testid="purchase-receive">
              {t('purchasing.receive')}
            </button>
          </div>
        ) : null}
      </Card>
      {can('orders.write') && can('purchases.read') ? <LinkInvoiceForm order={o} /> : null}
      <Card title={t('purchasing.receipts')} testId="purchase-receipts">
        <ul>
          {o.receipts.map((r) => (
            <li key={r.id}>
              {r.number} · {formatDate(r.receivedOn)}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
