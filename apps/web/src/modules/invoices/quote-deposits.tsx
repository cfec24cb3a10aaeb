import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card } from '../../ui/page.tsx';
import type { Invoice } from './invoice-options.ts';

/** A quote's deposit invoices, each with the final invoice that deducts it. */
export function QuoteDeposits({ invoice: inv }: { invoice: Invoice }) {
  const { t, formatMoney, formatDate, tOr } = useI18n();
  const trpc = useTRPC();
  const enabled = inv.type === 'quote' && inv.status !== 'draft';
  const deposits = useQuery({ ...trpc.invoices.deposits.list.queryOptions({ quoteId: inv.id }), enabled });
  if (!enabled || !deposits.data?.length) return deposits.error ? <ErrorAlert error={deposits.error} /> : null;
  return (
    <Card title={t('invoice.depositsTitle')} testId="quote-deposits">
      <table className="table table-compact">
        <tbody>
          {deposits.data.map((d) => (
            <tr key={d.id} data-testid="quote-deposit-row">
              <td>
                <Link href={`/invoices/${d.id}`} className="mono">
                  {d.number ?? t('invoice.draftNumber')}
                </Link>
                {d.issueDate ? <span className="muted small"> · {formatDate(d.issueDate)}</span> : null}
              </td>
              <td className="small">{tOr(`invoiceStatus.${d.status}`, d.status)}</td>
              <td className="num nowrap">{formatMoney(d.grossTotal)}</td>
              <td className="small">
                {d.deductedBy ? (
                  <Link href={`/invoices/${d.deductedBy.id}`}>{t('invoice.depositsDeductedBy', { number: d.deductedBy.number ?? t('invoice.draftNumber') })}</Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
