import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';

export type BankEntry = RouterOutputs['banking']['entries']['list']['items'][number];

const TONES: Record<BankEntry['status'], string> = { open: 'warning', matched: 'success', ignored: 'neutral' };

/**
 * One booking. An open credit shows the invoices it probably pays (best first), an open debit the
 * overpaid invoices it probably pays back (a refund) and the received invoices it probably pays
 * (a supplier payment, when the person may record those); each to confirm, with a field to name
 * another of our invoices by its number (for a debit also a credit note's number) and "ignore"; a
 * matched one links its invoice or received invoice.
 */
export function EntryRow({ entry, canWrite, canPaySuppliers }: { entry: BankEntry; canWrite: boolean; canPaySuppliers: boolean }) {
  const { t, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [other, setOther] = useState('');
  const [error, setError] = useState<unknown>(null);
  const done = async () => {
    setError(null);
    await queryClient.invalidateQueries({ queryKey: trpc.banking.pathKey() });
  };
  const options = { onSuccess: done, onError: setError };
  const confirm = useMutation(trpc.banking.entries.confirm.mutationOptions(options));
  const ignore = useMutation(trpc.banking.entries.ignore.mutationOptions(options));
  const reopen = useMutation(trpc.banking.entries.reopen.mutationOptions(options));
  const paySupplier = useMutation(trpc.banking.entries.confirmSupplierPayment.mutationOptions(options));
  const pending = confirm.isPending || ignore.isPending || reopen.isPending || paySupplier.isPending;
  const credit = !entry.amount.startsWith('-');
  const open = entry.status === 'open';

  const pickOther = async () => {
    setError(null);
    try {
      const invoice = await queryClient.fetchQuery(trpc.invoices.byNumber.queryOptions({ number: other.trim() }));
      // Money paid back is refunded on the invoice a credit note corrects.
      const invoiceId = !credit && invoice.type === 'credit_note' && invoice.credits ? invoice.credits.id : invoice.id;
      confirm.mutate({ id: entry.id, invoiceId, version: entry.version });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <tr data-testid="bank-entry" data-status={entry.status}>
      <td>{formatDate(entry.bookingDate)}</td>
      <td>
        <div>{entry.counterpartyName ?? t('common.none')}</div>
        <div className="muted small">{entry.counterpartyIban}</div>
      </td>
      <td className="small" data-testid="bank-remittance">{entry.remittance ?? ''}</td>
      <td className={`num bank-amount${credit ? '' : ' muted'}`} data-testid="bank-amount">{formatMoney(entry.amount)}</td>
      <td>
        <Badge tone={TONES[entry.status]} testId="bank-status">{t(`banking.status.${entry.status}`)}</Badge>
        {entry.supplierInvoice ? (
          <div className="small">
            <a href={`/finance/inbox/${entry.supplierInvoice.id}`} data-testid="bank-matched-supplier-invoice">{entry.supplierInvoice.number}</a>
            <span className="muted" data-testid="bank-supplier-paid"> · {entry.supplierInvoice.supplierName} · {t('banking.supplierPaid')}</span>
          </div>
        ) : null}
        {entry.invoice ? (
          <div className="small">
            <a href={`/invoices/${entry.invoice.id}`} data-testid="bank-matched-invoice">{entry.invoice.number}</a>
            {entry.refundId ? <span className="muted" data-testid="bank-refunded"> · {t('banking.refunded')}</span> : null}
          </div>
        ) : null}
      </td>
      <td>
        {open ? (
          <div className="bank-match">
            {entry.proposals.length === 0 ? <span className="muted small">{t('banking.noProposal')}</span> : null}
            {entry.proposals.map((p) => {
              const supplier = p.kind === 'supplierInvoice';
              const allowed = canWrite && (!supplier || canPaySuppliers);
              const onConfirm = () =>
                supplier ? paySupplier.mutate({ id: entry.id, supplierInvoiceId: p.invoiceId, version: entry.version }) : confirm.mutate({ id: entry.id, invoiceId: p.invoiceId, version: entry.version });
              return (
                <div key={`${p.kind}:${p.invoiceId}`} className="bank-match-row" data-testid="bank-proposal" data-kind={p.kind}>
                  <span>
                    {supplier ? `${t('banking.supplierInvoice')} ` : null}
                    <strong>{p.number}</strong> · {p.customerName} · {t(credit || supplier ? 'banking.open' : 'banking.overpaid')} {formatMoney(p.outstanding)}
                    {p.skonto ? <span data-testid="bank-skonto"> · {t('banking.withSkonto')}</span> : null}
                    <span className="muted small"> ({t(`banking.reason.${p.reason}`)})</span>
                  </span>
                  {allowed ? (
                    <button type="button" className="btn btn-small btn-primary" disabled={pending} onClick={onConfirm} data-testid={supplier ? 'bank-confirm-supplier' : 'bank-confirm'}>
                      {t(supplier ? 'banking.confirmSupplierPayment' : credit ? 'banking.confirm' : 'banking.confirmRefund')}
                    </button>
                  ) : null}
                </div>
              );
            })}
            {canWrite ? (
              <div className="bank-match-row">
                <input value={other} onChange={(e) => setOther(e.target.value)} placeholder={t(credit ? 'banking.otherInvoice' : 'banking.otherInvoiceOrCreditNote')} aria-label={t(credit ? 'banking.otherInvoice' : 'banking.otherInvoiceOrCreditNote')} data-testid="bank-other-number" />
                <button type="button" className="btn btn-small" disabled={pending || other.trim() === ''} onClick={() => void pickOther()} data-testid="bank-other-confirm">
                  {t('banking.assign')}
                </button>
                <button type="button" className="btn btn-small btn-ghost" disabled={pending} onClick={() => ignore.mutate({ id: entry.id, version: entry.version })} data-testid="bank-ignore">
                  {t('banking.ignore')}
                </button>
              </div>
            ) : null}
            <ErrorAlert error={error} testId="bank-entry-error" />
          </div>
        ) : entry.status === 'ignored' && canWrite ? (
          <button type="button" className="btn btn-small btn-ghost" disabled={pending} onClick={() => reopen.mutate({ id: entry.id, version: entry.version })} data-testid="bank-reopen">
            {t('banking.reopen')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
