import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card } from '../../ui/page.tsx';

type PurchaseOrder = RouterOutputs['inventory']['purchasing']['get'];

/** Links received, not yet invoiced quantities of a purchase order to a received invoice of its supplier. */
export function LinkInvoiceForm({ order }: { order: PurchaseOrder }) {
  const { t, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inbox = useQuery(trpc.purchases.inbox.list.queryOptions({ pageSize: 200 }));
  const invoices = (inbox.data?.items ?? []).filter((i) => i.supplier.id === order.supplierId);
  const [invoiceId, setInvoiceId] = useState('');
  const open = order.lines.map((l) => ({ line: l, open: Number(BigInt(l.received) - BigInt(l.invoiced)) })).filter((x) => x.open > 0);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const link = useMutation(
    trpc.inventory.purchasing.linkInvoice.mutationOptions({
      onSuccess: async () => {
        setQuantities({});
        await queryClient.invalidateQueries({ queryKey: trpc.inventory.purchasing.get.queryKey({ id: order.id }) });
      },
    }),
  );
  if (!open.length) return null;
  const lines = open.map((x) => ({ orderLineId: x.line.id, quantity: Number(quantities[x.line.id] ?? x.open) })).filter((l) => l.quantity > 0);
  return (
    <Card title={t('purchasing.linkInvoice')} testId="link-invoice">
      <ErrorAlert error={link.error} testId="link-invoice-error" />
      <select value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)} aria-label={t('purchasing.supplierInvoice')} data-testid="link-invoice-select">
        <option value="">{t('purchasing.supplierInvoice')} …</option>
        {invoices.map((i) => (
          <option key={i.id} value={i.id}>
            {i.invoiceNumber} · {formatDate(i.issueDate)} · {formatMoney(i.netAmount)}
          </option>
        ))}
      </select>
      {open.map((x) => (
        <div key={x.line.id} className="bank-match-row">
          <span>
            {x.line.articleNumber} {x.line.articleName}
          </span>
          <input inputMode="numeric" value={quantities[x.line.id] ?? String(x.open)} onChange={(e) => setQuantities((q) => ({ ...q, [x.line.id]: e.target.value }))} aria-label={`${t('orders.invoiced')} ${x.line.position}`} />
        </div>
      ))}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={!invoiceId || !lines.length || link.isPending} onClick={() => link.mutate({ orderId: order.id, supplierInvoiceId: invoiceId, lines })} data-testid="link-invoice-save">
          {t('purchasing.linkInvoice')}
        </button>
      </div>
    </Card>
  );
}
