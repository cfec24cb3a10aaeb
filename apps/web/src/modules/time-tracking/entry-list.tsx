import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { EntryFilter } from '@workmate/domain/schemas/time-tracking';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatMinutes } from '../../lib/duration.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Empty, Loading } from '../../ui/page.tsx';
import { Pager } from '../../ui/pager.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useSeesOthers } from './entry-filters.tsx';
import { EntryForm } from './entry-form.tsx';
import { EntryTable, type EntrySort } from './entry-table.tsx';
import type { Entry } from './entry-values.ts';
import { useInvalidateTime } from './use-invalidate-time.ts';

const PAGE_SIZE = 50;

/** Time entries matching `filter`, with the sums over all of them, paging, edit and delete. */
export function EntryList({ filter }: { filter: EntryFilter }) {
  const { t, formatMoney, formatDate } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateTime();
  const seesOthers = useSeesOthers();
  const [sort, setSort] = useState<SortState<EntrySort>>({ sort: 'startTime', direction: 'desc' });
  const [editing, setEditing] = useState<Entry | null>(null);
  const [page, setPage] = usePage([filter, sort]);
  const list = useQuery({
    ...trpc.timeTracking.entries.list.queryOptions({ ...filter, page, pageSize: PAGE_SIZE, sort: sort.sort, direction: sort.direction }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation(trpc.timeTracking.entries.delete.mutationOptions({ onSuccess: () => invalidate() }));
  const onDelete = (e: Entry) => {
    const what = `${formatDate(e.startTime)} ${e.project?.title ?? t('time.internal')}`;
    if (window.confirm(t('time.confirmDelete', { entry: what }))) remove.mutate({ id: e.id });
  };

  if (list.isPending) return <Loading />;
  return (
    <>
      <ErrorAlert error={list.error ?? remove.error} onRetry={list.error ? () => void list.refetch() : undefined} />
      {list.data ? (
        <div className="card card-flush">
          {list.data.totalMinutes !== null ? (
            <p className="totals" data-testid="entry-totals">
              <span>
                {t('time.totalHours')}: <strong className="mono">{formatMinutes(list.data.totalMinutes)}</strong>
              </span>
              <span>
                {t('time.billableHours')}: <strong className="mono">{formatMinutes(list.data.billableMinutes ?? 0)}</strong>
              </span>
              <span>
                {t('time.billableAmount')}: <strong>{formatMoney(list.data.billableAmount)}</strong>
              </span>
            </p>
          ) : (
            // The API sums only over a bounded date range (it keeps large lists fast).
            <p className="totals muted" data-testid="entry-totals">
              {t('time.totalsNeedRange')}
            </p>
          )}
          {!list.data.items.length ? (
            <Empty />
          ) : (
            <EntryTable
              items={list.data.items}
              sort={sort}
              onSort={setSort}
              showEmployee={seesOthers && !filter.employeeId}
              onEdit={setEditing}
              onDelete={onDelete}
              deleting={remove.isPending}
            />
          )}
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </div>
      ) : null}
      {editing ? (
        <Modal title={t('time.editEntry')} onClose={() => setEditing(null)} testId="entry-dialog" wide>
          <EntryForm key={editing.version} entry={editing} onDone={() => setEditing(null)} />
        </Modal>
      ) : null}
    </>
  );
}
