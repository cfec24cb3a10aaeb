import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { EntryRow } from './entry-row.tsx';
import { StatementsCard } from './statements-card.tsx';
import { uploadStatement, type BankImportAnswer } from './upload-statement.ts';

const PAGE_SIZE = 25;
const VIEWS = ['unmatched', 'outgoing', 'matched', 'ignored', 'all'] as const;
type View = (typeof VIEWS)[number];
const FILTERS: Record<View, { status?: 'open' | 'matched' | 'ignored'; direction?: 'credit' | 'debit' }> = {
  unmatched: { status: 'open', direction: 'credit' },
  outgoing: { status: 'open', direction: 'debit' },
  matched: { status: 'matched' },
  ignored: { status: 'ignored' },
  all: {},
};

/**
 * `/finance/bank` (Kontoauszüge): upload a CAMT.053 or MT940 file; the incoming payments not yet
 * matched are listed with the invoices they probably pay, to confirm, assign to another invoice or
 * ignore. Other views: outgoing payments not yet decided (with the overpaid invoices they probably
 * refund), matched, ignored, every booking; below, the imported files.
 */
export function BankPage() {
  const { t, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>('unmatched');
  const [search, setSearch] = useState('');
  const [page, setPage] = usePage([view, search]);
  const [uploading, setUploading] = useState(false);
  const [uploaded, setUploaded] = useState<BankImportAnswer | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const list = useQuery({ ...trpc.banking.entries.list.queryOptions({ page, pageSize: PAGE_SIZE, ...FILTERS[view], ...(search.trim() ? { search: search.trim() } : {}) }), placeholderData: keepPreviousData });
  const canWrite = can('banking.write');

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setUploading(true);
    setUploaded(null);
    setUploadError(null);
    try {
      setUploaded(await uploadStatement(file));
      await queryClient.invalidateQueries({ queryKey: trpc.banking.pathKey() });
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('banking.title')}
        actions={
          canWrite ? (
            <label className={`btn btn-primary${uploading ? ' disabled' : ''}`} data-testid="bank-upload">
              {uploading ? t('banking.importing') : `+ ${t('banking.import')}`}
              <input type="file" className="sr-only" accept=".xml,.sta,.mt940,.txt,application/xml,text/xml,text/plain" disabled={uploading} onChange={(e) => void onFile(e)} data-testid="bank-file" />
            </label>
          ) : null
        }
      >
        <span className="muted small">{t('banking.hint')}</span>
      </PageHeader>
      {uploaded ? (
        <Alert kind="success" testId="bank-import-result">
          {t('banking.imported', { imported: uploaded.imported, skipped: uploaded.skipped, format: uploaded.format })}
        </Alert>
      ) : null}
      {uploaded && uploaded.balanceDifference !== null && uploaded.balanceDifference !== '0.00' ? (
        <Alert kind="warning" testId="bank-import-balance">
          {t('banking.balanceWarning', { amount: formatMoney(uploaded.balanceDifference.replace(/^-/, '')) })}
        </Alert>
      ) : null}
      <ErrorAlert error={uploadError} testId="bank-import-error" />
      <FilterBar>
        <select value={view} onChange={(e) => setView(e.target.value as View)} aria-label={t('banking.view')} data-testid="bank-view">
          {VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(`banking.view.${v}`)}
            </option>
          ))}
        </select>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('banking.search')} aria-label={t('banking.search')} data-testid="bank-search" />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t(view === 'unmatched' ? 'banking.allMatched' : view === 'outgoing' ? 'banking.allOutgoingDecided' : 'banking.noEntries')} testId="bank-entries">
        {(items) => (
          <div className="table-wrap">
            <table className="table" data-testid="bank-table">
              <thead>
                <tr>
                  <th>{t('banking.bookingDate')}</th>
                  <th>{t('banking.counterparty')}</th>
                  <th>{t('banking.remittance')}</th>
                  <th className="num">{t('banking.amount')}</th>
                  <th>{t('banking.status')}</th>
                  <th>{t('banking.match')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} canWrite={canWrite} canPaySuppliers={can('purchases.write')} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListCard>
      <StatementsCard />
    </>
  );
}
