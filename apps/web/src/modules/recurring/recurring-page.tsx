import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { ListCard, SortableTable } from '../../ui/sortable-table.tsx';
import { RecurringState } from './recurring-state.tsx';

const PAGE_SIZE = 25;

/** `/invoices/recurring`: the recurring invoices, with their next date and what each does by itself. */
export function RecurringPage() {
  const { t, tOr, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<'' | 'active' | 'paused'>('');
  const debounced = useDebounced(search, 250);
  const [page, setPage] = usePage([debounced, state]);
  const list = useQuery({
    ...trpc.invoices.recurring.list.queryOptions({ page, pageSize: PAGE_SIZE, search: debounced || undefined, active: state === '' ? undefined : state === 'active' }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('recurring.title')}
        actions={
          can('invoices.write') ? (
            <Link href="/invoices/recurring/new" className="btn btn-primary" data-testid="new-recurring">
              + {t('recurring.new')}
            </Link>
          ) : null
        }
      />
      <p className="muted">{t('recurring.intro')}</p>
      <div className="toolbar">
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('common.search')} aria-label={t('common.search')} data-testid="recurring-search" />
        <select value={state} onChange={(e) => setState(e.target.value as typeof state)} aria-label={t('recurring.state')} data-testid="recurring-state-filter">
          <option value="">{t('common.all')}</option>
          <option value="active">{t('recurring.stateActive')}</option>
          <option value="paused">{t('recurring.statePaused')}</option>
        </select>
      </div>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('recurring.empty')} testId="recurring-list">
        {(items) => (
          <SortableTable
            testId="recurring-table"
            sort={{ sort: 'name', direction: 'asc' }}
            onSort={() => undefined}
            columns={[
              { label: t('recurring.name') },
              { label: t('invoice.customer') },
              { label: t('recurring.interval'), className: 'col-low' },
              { label: t('recurring.nextDate') },
              { label: t('recurring.netPerPeriod'), className: 'num' },
              { label: t('recurring.state'), className: 'col-low' },
              { label: t('recurring.invoiceCount'), className: 'num col-low' },
            ]}
          >
            {items.map((r) => (
              <tr key={r.id} className="row-clickable" onClick={() => navigate(`/invoices/recurring/${r.id}`)} data-testid="recurring-row" data-id={r.id}>
                <td>
                  <Link href={`/invoices/recurring/${r.id}`} className="row-link" onClick={(e) => e.stopPropagation()}>
                    {r.name}
                  </Link>
                </td>
                <td>{r.customer.name}</td>
                <td className="col-low">{tOr(`recurring.intervalName.${r.interval}`, r.interval)}</td>
                <td className="nowrap">{!r.active ? <span className="muted">{t('recurring.statePaused')}</span> : r.nextDate ? formatDate(r.nextDate) : <span className="muted">{t('recurring.ended')}</span>}</td>
                <td className="num nowrap">{formatMoney(r.netTotal)}</td>
                <td className="col-low">
                  <RecurringState template={r} />
                </td>
                <td className="num col-low">{r.invoiceCount}</td>
              </tr>
            ))}
          </SortableTable>
        )}
      </ListCard>
    </>
  );
}
