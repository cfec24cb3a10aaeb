import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Empty, Loading } from '../../ui/page.tsx';
import { Pager } from '../../ui/pager.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { ExpenseTable, type ExpenseSort } from './expense-table.tsx';

const PAGE_SIZE = 25;
/** How many the overview shows before "show all" leads to the Expenses tab. */
const LATEST = 5;

interface Props {
  projectId: string;
  readOnly?: boolean;
  /** On the overview: the latest few in a card, with a way to the full list (the Expenses tab). */
  onShowAll?: () => void;
}

/**
 * The project's expenses with "+ Expense" preset to the project: the latest few on the
 * overview, all of them (paged, sortable) on the Expenses tab.
 */
export function ProjectExpenses({ projectId, readOnly, onShowAll }: Props) {
  const { t, formatNumber } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const summary = !!onShowAll;
  const [sort, setSort] = useState<SortState<ExpenseSort>>({ sort: 'expenseDate', direction: 'desc' });
  const [page, setPage] = usePage(sort);
  const pageSize = summary ? LATEST : PAGE_SIZE;
  const list = useQuery({
    ...trpc.finance.expenses.list.queryOptions({ projectId, page: summary ? 1 : page, pageSize, sort: sort.sort, direction: sort.direction }),
    placeholderData: keepPreviousData,
  });
  const newExpense =
    can('finance.write') && !readOnly ? (
      <Link href={`/finance/expenses/new?projectId=${projectId}`} className="btn btn-small" data-testid="project-new-expense">
        + {t('expense.newShort')}
      </Link>
    ) : null;
  const more = summary && list.data && list.data.total > LATEST;

  const body = (
    <>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <>
          {!list.data.items.length ? (
            <Empty>{t('expense.noneForProject')}</Empty>
          ) : (
            <ExpenseTable
              items={list.data.items}
              sums={list.data.sums}
              total={list.data.total}
              sort={sort}
              onSort={setSort}
              showProject={false}
              showEmployee={can('finance.read')}
              rowTestId="project-expense-row"
            />
          )}
          {summary ? null : <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
        </>
      ) : null}
    </>
  );

  if (summary) {
    return (
      <Card
        title={t('expense.listTitle')}
        className="card-flush project-expenses-card"
        testId="project-expenses-latest"
        actions={
          <>
            {more ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={onShowAll} data-testid="project-expenses-all">
                {t('expense.showAll', { count: formatNumber(list.data?.total ?? 0) })}
              </button>
            ) : null}
            {newExpense}
          </>
        }
      >
        {body}
      </Card>
    );
  }
  return (
    <>
      {newExpense || !can('finance.read') ? (
        <div className="toolbar">
          {newExpense}
          {!can('finance.read') ? <span className="muted small">{t('expense.ownOnly')}</span> : null}
        </div>
      ) : null}
      <div className="card card-flush" data-testid="project-expenses-list">
        {body}
      </div>
    </>
  );
}
