import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { PageHeader } from '../../ui/page.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { expenseFilterFromSearch, ExpenseFilters, toExpenseFilter } from './expense-filters.tsx';
import { ExpenseTable, type ExpenseSort } from './expense-table.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';

const PAGE_SIZE = 25;

/** `/finance/expenses`: expenses with filters, the sums over all that match, reimburse and delete. */
export function ExpensesPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const search = useSearch();
  const [filters, setFilters] = useState(() => expenseFilterFromSearch(search));
  const [sort, setSort] = useState<SortState<ExpenseSort>>({ sort: 'expenseDate', direction: 'desc' });
  const debounced = useDebounced(filters, 250);
  const [page, setPage] = usePage([debounced, sort]);
  const list = useQuery({
    ...trpc.finance.expenses.list.queryOptions({ ...toExpenseFilter(debounced), page, pageSize: PAGE_SIZE, sort: sort.sort, direction: sort.direction }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('expense.listTitle')}
        actions={
          can('finance.write') ? (
            <Link href="/finance/expenses/new" className="btn btn-primary" data-testid="new-expense">
              + {t('expense.new')}
            </Link>
          ) : null
        }
      >
        {!can('finance.read') ? <span className="muted small">{t('expense.ownOnly')}</span> : null}
      </PageHeader>
      <ExpenseFilters value={filters} onChange={setFilters} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage}>
        {(items, page) => <ExpenseTable items={items} sums={page.sums} total={page.total} sort={sort} onSort={setSort} showEmployee={can('finance.read')} />}
      </ListCard>
    </>
  );
}
