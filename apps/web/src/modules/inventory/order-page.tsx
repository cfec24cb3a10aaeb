import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC, useTRPCClient } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { downloadPdf, quantityText } from './format.ts';

/** `/inventory/orders/:id`: an order's lines (ordered, reserved, delivered, invoiced), delivering part of it, and the invoice draft. */
export function OrderPage({ id }: { id: string }) {
  const { t, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const client = useTRPCClient();
  const order = useQuery(trpc.inventory.orders.get.queryOptions({ id }));
  const [pdfError, setPdfError] = useState<unknown>(null);
  const pdf = async (load: () => Promise<{ fileName: string; base64: string } | null>) => {
    setPdfError(null);
    const file = await load().catch((error: unknown) => {
      setPdfError(error);
      return undefined;
    });
    if (file) downloadPdf(file);
    else if (file === null) setPdfError(new Error(t('orders.pdfPending')));
  };
  const [now, setNow] = useState<Record<string, string>>({});
  const [day, setDay] = useState(berlinDay());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
  const deliver = useMutation(trpc.inventory.orders.deliver.mutationOptions({ onSuccess: async () => { setNow({}); await refresh(); } }));
  const invoice = useMutation(trpc.inventory.orders.invoice.mutationOptions({ onSuccess: refresh }));
  const reserve = useMutation(trpc.inventory.orders.reserve.mutationOptions({ onSuccess: refresh }));
  const release = useMutation(trpc.inventory.orders.release.mutationOptions({ onSuccess: refresh }));
  if (order.isPending) return <Loading />;
  if (!order.data) return <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  const lines = o.lines.map((l) => ({ orderLineId: l.id, quantity: Number(now[l.id] ?? 0) })).filter((l) => l.quantity > 0);
  return (
    <>
      <PageHeader title={`${o.number} · ${o.customerName}`}>
        <span className="muted small">
          {formatDate(o.orderDate)} · {t('orders.shipFrom')} {o.locationCode}
        </span>
      </PageHeader>
      <ErrorAlert error={deliver.error ?? invoice.error ?? reserve.error ?? release.error ?? pdfError} testId="order-action-error" />
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void pdf(() => client.inventory.orders.pdf.query({ id }))} data-testid="order-pdf">
          {t('orders.pdf')}
        </button>
      </div>
      {invoice.data ? (
        <Alert kind="success" testId="order-invoiced">
          {t('orders.invoiceCreated')} <Link href={`/invoices/${invoice.data.invoiceId}`}>{t('orders.openInvoice')}</Link>
        </Alert>
      ) : null}
      <Card testId="order-lines">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('orders.article')}</th>
                <th className="num">{t('orders.price')}</th>
                <th className="num">{t('orders.ordered')}</th>
                <th className="num">{t('inventory.reserved')}</th>
                <th className="num">{t('orders.delivered')}</th>
                <th className="num">{t('orders.invoiced')}</th>
                {can('orders.write') ? <th>{t('orders.deliverQuantity')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l) => (
                <tr key={l.id} data-testid="order-line-row">
                  <td>{l.position}</td>
                  <td>{l.description}</td>
                  <td className="num">{formatMoney(l.unitPrice)}</td>
                  <td className="num">{quantityText(l.quantity)} {l.unit}</td>
                  <td className="num">{quantityText(l.reserved)}</td>
                  <td className="num">{quantityText(l.delivered)}</td>
                  <td className="num">{quantityText(l.invoiced)}</td>
                  {can('orders.write') ? (
                    <td>
                      <input inputMode="numeric" value={now[l.id] ?? ''} onChange={(e) => setNow((n) => ({ ...n, [l.id]: e.target.value }))} aria-label={`${t('orders.deliverQuantity')} ${l.position}`} data-testid="deliver-quantity" />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {can('orders.write') ? (
          <div className="form-actions">
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} aria-label={t('inventory.movedOn')} />
            <button type="button" className="btn btn-primary" disabled={deliver.isPending || !lines.length} onClick={() => deliver.mutate({ orderId: id, deliveredOn: day, lines })} data-testid="order-deliver">
              {t('orders.deliver')}
            </button>
            <button type="button" className="btn" disabled={reserve.isPending} onClick={() => reserve.mutate({ id })} data-testid="order-reserve">
              {t('orders.reserve')}
            </button>
            <button type="button" className="btn" disabled={release.isPending} onClick={() => release.mutate({ id })} data-testid="order-release">
              {t('orders.release')}
            </button>
            {can('invoices.write') ? (
              <button type="button" className="btn" disabled={invoice.isPending} onClick={() => invoice.mutate({ id })} data-testid="order-invoice">
                {t('orders.invoice')}
              </button>
            ) : null}
          </div>
        ) : null}
      </Card>
      <Card title={t('orders.deliveries')} testId="order-deliveries">
        <ul>
          {o.deliveries.map((d) => (
            <li key={d.id} data-testid="delivery-row">
              {d.number} · {formatDate(d.deliveredOn)} · {d.lines.map((l) => `#${o.lines.find((x) => x.id === l.orderLineId)?.position ?? '?'}: ${quantityText(l.quantity)}`).join(', ')}{' '}
              <button type="button" className="btn btn-small" onClick={() => void pdf(() => client.inventory.orders.deliveryPdf.query({ id: d.id }))} data-testid="delivery-pdf">
                PDF
              </button>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
