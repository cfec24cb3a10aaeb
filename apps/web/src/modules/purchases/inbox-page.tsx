import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { SUPPLIER_INVOICE_STATUSES, type SupplierInvoiceStatus } from '@workmate/domain/einvoice-in';
import { useState, type ChangeEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { SupplierInvoiceStatusBadge } from './status-badge.tsx';
import { uploadEInvoice } from './upload-einvoice.ts';

const PAGE_SIZE = 25;

/**
 * `/finance/inbox` (Eingangsrechnungen): received e-invoices, newest first, filtered by status.
 * Uploading an XRechnung or ZUGFeRD file adds a draft and opens it.
 */
export function InboxPage() {
  const { t, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [status, setStatus] = useState<SupplierInvoiceStatus | ''>('draft');
  const [page, setPage] = usePage([status]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const list = useQuery({ ...trpc.purchases.inbox.list.queryOptions({ page, pageSize: PAGE_SIZE, ...(status ? { status } : {}) }), placeholderData: keepPreviousData });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      const { id } = await uploadEInvoice(file);
      await queryClient.invalidateQueries({ queryKey: trpc.purchases.inbox.list.queryKey() });
      navigate(`/finance/inbox/${id}`);
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('einvoiceIn.title')}
        actions={
          can('purchases.write') ? (
            <label className={`btn btn-primary${uploading ? ' disabled' : ''}`} data-testid="einvoice-upload">
              {uploading ? t('einvoiceIn.uploading') : `+ ${t('einvoiceIn.upload')}`}
              <input type="file" className="sr-only" accept=".xml,.pdf,application/xml,text/xml,application/pdf" disabled={uploading} onChange={(e) => void onFile(e)} data-testid="einvoice-file" />
            </label>
          ) : null
        }
      >
        <span className="muted small">{t('einvoiceIn.hint')}</span>
      </PageHeader>
      <ErrorAlert error={uploadError} testId="einvoice-upload-error" />
      <FilterBar>
        <select value={status} onChange={(e) => setStatus(e.target.value as SupplierInvoiceStatus | '')} aria-label={t('einvoiceIn.status')} data-testid="filter-status">
          <option value="">{t('common.all')}</option>
          {SUPPLIER_INVOICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`einvoiceIn.status.${s}`)}
            </option>
          ))}
        </select>
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} testId="einvoice-list">
        {(items) => (
          <div className="table-wrap">
            <table className="table" data-testid="einvoice-table">
              <thead>
                <tr>
                  <th>{t('einvoiceIn.issueDate')}</th>
                  <th>{t('einvoiceIn.supplier')}</th>
                  <th>{t('einvoiceIn.number')}</th>
                  <th>{t('einvoiceIn.status')}</th>
                  <th>{t('einvoiceIn.dueDate')}</th>
                  <th className="num">{t('einvoiceIn.net')}</th>
                  <th className="num">{t('einvoiceIn.gross')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} className="clickable" onClick={() => navigate(`/finance/inbox/${item.id}`)} data-testid="einvoice-row">
                    <td>{formatDate(item.issueDate)}</td>
                    <td>
                      <a href={`/finance/inbox/${item.id}`} onClick={(e) => { e.preventDefault(); navigate(`/finance/inbox/${item.id}`); }}>
                        {item.supplier.name}
                      </a>
                    </td>
                    <td>{item.invoiceNumber}</td>
                    <td>
                      <SupplierInvoiceStatusBadge status={item.status} />
                    </td>
                    <td>{formatDate(item.dueDate)}</td>
                    <td className="num">{formatMoney(item.netAmount)}</td>
                    <td className="num">{formatMoney(item.grossAmount)}</td>
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
