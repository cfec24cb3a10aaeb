import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { SupplierInvoiceStatusBadge } from './status-badge.tsx';
import { SupplierPaymentsSection } from './supplier-payments-section.tsx';

/**
 * `/finance/inbox/:id`: a received e-invoice in readable form (our own view; the KoSIT
 * visualisation is not available offline): supplier, numbers, dates, lines, VAT rows, totals,
 * bank account, the original file; "Übernehmen" books it as expenses, "Ablehnen" rejects it;
 * an approved one shows its payments and takes new ones.
 */
export function SupplierInvoicePage({ id }: { id: string }) {
  const { t, lang, formatDate, formatMoney, formatPercent } = useI18n();
  // Quantities as sent (up to six places), in the reader's decimal notation; never through a float.
  const decimal = (v: string) => (lang === 'de' ? v.replace('.', ',') : v);
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const query = useQuery(trpc.purchases.inbox.get.queryOptions({ id }));
  const done = async () => {
    setConfirm(null);
    await queryClient.invalidateQueries({ queryKey: trpc.purchases.inbox.pathKey() });
  };
  const approve = useMutation(trpc.purchases.inbox.approve.mutationOptions({ onSuccess: done }));
  const reject = useMutation(trpc.purchases.inbox.reject.mutationOptions({ onSuccess: done }));

  if (query.isPending) return <Loading />;
  if (!query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const inv = query.data;
  const s = inv.supplierDetails;
  const decidable = inv.status === 'draft' && can('purchases.write');

  return (
    <>
      <PageHeader
        title={`${t('einvoiceIn.invoice')} ${inv.invoiceNumber}`}
        actions={
          <>
            <Link href="/finance/inbox" className="btn">
              {t('common.back')}
            </Link>
            <a className="btn" href={inv.original.downloadUrl} download={inv.original.fileName} data-testid="einvoice-original">
              {t('einvoiceIn.original')}
            </a>
            {decidable ? (
              <>
                <button type="button" className="btn btn-danger" onClick={() => setConfirm('reject')} data-testid="einvoice-reject">
                  {t('einvoiceIn.reject')}
                </button>
                <button type="button" className="btn btn-primary" onClick={() => setConfirm('approve')} data-testid="einvoice-approve">
                  {t('einvoiceIn.approve')}
                </button>
              </>
            ) : null}
          </>
        }
      >
        <SupplierInvoiceStatusBadge status={inv.status} />
      </PageHeader>
      <ErrorAlert error={approve.error ?? reject.error} />
      {inv.status === 'approved' ? <Alert kind="success">{t('einvoiceIn.approvedNote', { count: inv.expenses.length })}</Alert> : null}
      {inv.status === 'rejected' ? <Alert kind="info">{t('einvoiceIn.rejectedNote', { reason: inv.rejectionReason ?? '—' })}</Alert> : null}

      <div className="grid-2">
        <Card title={t('einvoiceIn.supplier')} testId="einvoice-supplier">
          <p>
            <strong>{s.name}</strong> <Link href={`/purchases/suppliers/${s.id}`} data-testid="open-supplier">{t('supplier.open')}</Link>
            <br />
            {s.street ? <>{s.street}<br /></> : null}
            {[s.zip, s.city].filter(Boolean).join(' ')} {s.countryCode}
          </p>
          <dl className="einvoice-facts">
            <dt>{t('einvoiceIn.vatId')}</dt>
            <dd>{s.vatId ?? '—'}</dd>
            <dt>{t('einvoiceIn.electronicAddress')}</dt>
            <dd>{s.electronicAddress ? `${s.electronicAddress}${s.electronicAddressScheme ? ` (${s.electronicAddressScheme})` : ''}` : '—'}</dd>
            <dt>IBAN</dt>
            <dd data-testid="einvoice-iban">{s.iban ?? '—'}</dd>
            <dt>BIC</dt>
            <dd>{s.bic ?? '—'}</dd>
          </dl>
        </Card>
        <Card title={t('einvoiceIn.document')}>
          <dl className="einvoice-facts">
            <dt>{t('einvoiceIn.number')}</dt>
            <dd>{inv.invoiceNumber}</dd>
            <dt>{t('einvoiceIn.type')}</dt>
            <dd>{t(`einvoiceIn.typeCode.${inv.typeCode === '381' || inv.typeCode === '384' || inv.typeCode === '389' || inv.typeCode === '326' ? inv.typeCode : '380'}`)}</dd>
            <dt>{t('einvoiceIn.issueDate')}</dt>
            <dd>{formatDate(inv.issueDate)}</dd>
            <dt>{t('einvoiceIn.dueDate')}</dt>
            <dd>{formatDate(inv.dueDate)}</dd>
            <dt>{t('einvoiceIn.buyerReference')}</dt>
            <dd>{inv.buyerReference ?? '—'}</dd>
            <dt>{t('einvoiceIn.format')}</dt>
            <dd>{t(`einvoiceIn.format.${inv.format}`)}</dd>
            <dt>{t('einvoiceIn.specification')}</dt>
            <dd className="small">{inv.specification ?? '—'}</dd>
            <dt>{t('einvoiceIn.originalFile')}</dt>
            <dd className="small">
              {inv.original.fileName} · SHA-256 <code>{inv.original.sha256.slice(0, 16)}…</code>
            </dd>
          </dl>
        </Card>
      </div>

      <Card title={t('einvoiceIn.lines')}>
        <div className="table-wrap">
          <table className="table" data-testid="einvoice-lines">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('einvoiceIn.description')}</th>
                <th className="num">{t('einvoiceIn.quantity')}</th>
                <th>{t('einvoiceIn.unit')}</th>
                <th className="num">{t('einvoiceIn.vatRate')}</th>
                <th className="num">{t('einvoiceIn.net')}</th>
              </tr>
            </thead>
            <tbody>
              {inv.lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.id}</td>
                  <td>{l.description}</td>
                  <td className="num">{decimal(l.quantity)}</td>
                  <td>{l.unitCode ?? ''}</td>
                  <td className="num">
                    {l.taxCategory} {formatPercent(l.taxRate)}
                  </td>
                  <td className="num">{formatMoney(l.netAmount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <div className="grid-2">
        <Card title={t('einvoiceIn.taxRows')}>
          <table className="table" data-testid="einvoice-tax-rows">
            <thead>
              <tr>
                <th>{t('einvoiceIn.vatRate')}</th>
                <th className="num">{t('einvoiceIn.base')}</th>
                <th className="num">{t('einvoiceIn.vat')}</th>
              </tr>
            </thead>
            <tbody>
              {inv.taxRows.map((r) => (
                <tr key={`${r.category}/${r.rate}`}>
                  <td>
                    {r.category} {formatPercent(r.rate)}
                  </td>
                  <td className="num">{formatMoney(r.netAmount)}</td>
                  <td className="num">{formatMoney(r.taxAmount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t('einvoiceIn.totals')} testId="einvoice-totals">
          <dl className="einvoice-facts">
            <dt>{t('einvoiceIn.net')}</dt>
            <dd className="num">{formatMoney(inv.totals.net)}</dd>
            <dt>{t('einvoiceIn.vat')}</dt>
            <dd className="num">{formatMoney(inv.totals.tax)}</dd>
            <dt>{t('einvoiceIn.gross')}</dt>
            <dd className="num">{formatMoney(inv.totals.gross)}</dd>
            {inv.totals.prepaid !== '0.00' ? (
              <>
                <dt>{t('einvoiceIn.prepaid')}</dt>
                <dd className="num">{formatMoney(inv.totals.prepaid)}</dd>
              </>
            ) : null}
            <dt>
              <strong>{t('einvoiceIn.due')}</strong>
            </dt>
            <dd className="num">
              <strong data-testid="einvoice-due">{formatMoney(inv.totals.due)}</strong>
            </dd>
          </dl>
        </Card>
      </div>

      {inv.expenses.length ? (
        <Card title={t('einvoiceIn.expenses')}>
          <ul>
            {inv.expenses.map((e) => (
              <li key={e.id}>
                <Link href={`/finance/expenses/${e.id}`}>
                  {formatPercent(e.taxRate)}: {formatMoney(e.netAmount)} + {formatMoney(e.taxAmount)} = {formatMoney(e.grossAmount)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {inv.status === 'approved' ? <SupplierPaymentsSection supplierInvoiceId={inv.id} settlement={inv.settlement} /> : null}

      {confirm === 'approve' ? (
        <ConfirmDialog title={t('einvoiceIn.approveTitle')} confirmLabel={t('einvoiceIn.approve')} pending={approve.isPending} onClose={() => setConfirm(null)} onConfirm={() => approve.mutate({ id, version: inv.version })}>
          <p>{t('einvoiceIn.approveText', { count: inv.taxRows.length })}</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'reject' ? (
        <ConfirmDialog title={t('einvoiceIn.rejectTitle')} confirmLabel={t('einvoiceIn.reject')} danger pending={reject.isPending} onClose={() => setConfirm(null)} onConfirm={() => reject.mutate({ id, version: inv.version, reason: reason || null })}>
          <label className="field">
            <span>{t('einvoiceIn.rejectReason')}</span>
            <textarea value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid="einvoice-reject-reason" />
          </label>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
