import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { InvoiceType } from '@workmate/domain/enums';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { Pager } from '../../ui/pager.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { filtersFromSearch, InvoiceFilters, toListFilter } from './invoice-filters.tsx';
import { useInvalidateInvoices } from './invoice-options.ts';
import { InvoiceTable, type InvoiceSort } from './invoice-table.tsx';

const PAGE_SIZE = 25;

type BulkResult = RouterOutputs['invoices']['bulkSetStatus'][number];

/**
 * `/invoices/list` (invoices and cancellation invoices), and `/invoices/quotes` (the same list
 * preset to quotes, with a navigation entry of its own). Filters can come from the address:
 * `?status=overdue`, `?customerId=…`, `?projectId=…`, `?type=cancellation`.
 */
export function InvoicesPage({ presetType }: { presetType?: InvoiceType }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const invalidate = useInvalidateInvoices();
  const search = useSearch();
  const [filters, setFilters] = useState(() => filtersFromSearch(search, presetType));
  const [sort, setSort] = useState<SortState<InvoiceSort>>({ sort: 'createdAt', direction: 'desc' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const debounced = useDebounced(filters, 250);
  const [page, setPage] = usePage([debounced, sort]);
  const list = useQuery({
    ...trpc.invoices.list.queryOptions({ ...toListFilter(debounced), page, pageSize: PAGE_SIZE, sort: sort.sort, direction: sort.direction }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.items ?? [];
  const chosen = rows.filter((i) => selected.has(i.id));
  // The numbers of the documents sent off, for the result lines (the list reloads meanwhile).
  const [numbers, setNumbers] = useState<Map<string, string>>(new Map());
  const markSent = useMutation(
    trpc.invoices.bulkSetStatus.mutationOptions({
      onSuccess: async (done) => {
        setResults(done);
        setSelected(new Set());
        await invalidate();
      },
    }),
  );
  const change = (next: typeof filters) => {
    setFilters(next);
    setSelected(new Set());
  };
  const isQuotes = presetType === 'quote';

  return (
    <>
      <PageHeader
        title={isQuotes ? t('invoice.quotesTitle') : t('invoice.listTitle')}
        actions={
          can('invoices.write') ? (
            <>
              {!isQuotes ? (
                <Link href="/invoices/new?type=invoice" className="btn btn-primary" data-testid="new-invoice">
                  + {t('invoice.newInvoice')}
                </Link>
              ) : null}
              <Link href="/invoices/new?type=quote" className={`btn${isQuotes ? ' btn-primary' : ''}`} data-testid="new-quote">
                + {t('invoice.newQuote')}
              </Link>
            </>
          ) : null
        }
      />
      <InvoiceFilters value={filters} onChange={change} presetType={presetType} />
      {can('invoices.finalize') ? (
        <div className="toolbar bulk-bar">
          <span className="muted small">{t('invoice.selected', { count: chosen.length })}</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={!chosen.length || markSent.isPending}
            onClick={() => {
              setResults(null);
              setNumbers(new Map(chosen.map((i) => [i.id, i.number ?? t('invoice.draftNumber')])));
              markSent.mutate({ ids: chosen.map((i) => i.id), status: 'sent' });
            }}
            data-testid="bulk-mark-sent"
          >
            {t('invoice.bulkMarkSent', { count: chosen.length })}
          </button>
        </div>
      ) : null}
      {results ? <BulkResults results={results} numbers={numbers} onClose={() => setResults(null)} /> : null}
      <ErrorAlert error={list.error ?? markSent.error} onRetry={list.error ? () => void list.refetch() : undefined} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <div className="card card-flush">
          {!rows.length ? (
            <Empty />
          ) : (
            <InvoiceTable
              items={rows}
              sort={sort}
              onSort={setSort}
              selected={can('invoices.finalize') ? selected : undefined}
              onSelect={can('invoices.finalize') ? setSelected : undefined}
            />
          )}
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </div>
      ) : null}
    </>
  );
}

/** One line per document of a bulk change: done, or why not. */
function BulkResults({ results, numbers, onClose }: { results: BulkResult[]; numbers: Map<string, string>; onClose: () => void }) {
  const { t, tv, te } = useI18n();
  const failed = results.filter((r) => !r.ok).length;
  return (
    <Alert kind={failed ? 'warning' : 'success'} testId="bulk-results">
      <div>
        <strong>{t('invoice.bulkDone', { ok: results.length - failed, failed })}</strong>
        <ul className="bulk-list">
          {results.map((r) => (
            <li key={r.id} data-testid="bulk-result" data-ok={r.ok}>
              <Link href={`/invoices/${r.id}`} className="mono">
                {numbers.get(r.id) ?? r.id}
              </Link>
              : {r.ok ? t('invoice.bulkOk') : r.appCode ? te({ code: r.appCode, params: r.params ?? {} }, r.message) : tv(r.message)}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="btn btn-small" onClick={onClose}>
        {t('common.close')}
      </button>
    </Alert>
  );
}
