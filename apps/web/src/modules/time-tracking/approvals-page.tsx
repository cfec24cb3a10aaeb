import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatMinutes } from '../../lib/duration.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { Pager } from '../../ui/pager.tsx';
import { projectLabel } from '../../pickers/project-options.ts';
import { EntryBadges } from './entry-badges.tsx';
import { EMPTY_FILTER, EntryFilters, toEntryFilter } from './entry-filters.tsx';
import { useInvalidateTime } from './use-invalidate-time.ts';

const PAGE_SIZE = 200;

/**
 * `/time/approvals`: finished entries the user may approve (approvers, and managers of the
 * entry's project). With "approved: yes" the same list unapproves.
 */
export function ApprovalsPage() {
  const { t, formatDate, formatTime } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateTime();
  const [filters, setFilters] = useState({ ...EMPTY_FILTER, approved: 'false' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const debounced = useDebounced(filters, 250);
  const [page, setPage] = usePage(debounced);
  const approvedView = filters.approved === 'true';
  const list = useQuery({
    ...trpc.timeTracking.entries.list.queryOptions({
      ...toEntryFilter(debounced),
      approved: approvedView,
      invoiced: approvedView ? false : undefined,
      running: false,
      approvable: true,
      page,
      pageSize: PAGE_SIZE,
      sort: 'startTime',
      direction: 'asc',
    }),
    placeholderData: keepPreviousData,
  });
  // The server returns only entries this user may approve (approvable: true).
  const rows = list.data?.items ?? [];
  const chosen = rows.filter((e) => selected.has(e.id)).map((e) => e.id);

  const options = {
    onSuccess: async (result: { count: number }) => {
      setSelected(new Set());
      setDone(t(approvedView ? 'approval.unapproved' : 'approval.approved', { count: result.count }));
      await invalidate();
    },
  };
  const approve = useMutation(trpc.timeTracking.approve.mutationOptions(options));
  const unapprove = useMutation(trpc.timeTracking.unapprove.mutationOptions(options));
  const pending = approve.isPending || unapprove.isPending;
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const change = (next: typeof filters) => {
    setFilters(next);
    setSelected(new Set());
    setDone(null);
  };
  const allChosen = rows.length > 0 && chosen.length === rows.length;

  return (
    <>
      <PageHeader
        title={t('approval.title')}
        actions={
          approvedView ? (
            <button type="button" className="btn" disabled={!chosen.length || pending} onClick={() => unapprove.mutate({ ids: chosen })} data-testid="unapprove-selected">
              {t('approval.unapproveSelected', { count: chosen.length })}
            </button>
          ) : (
            <button type="button" className="btn btn-primary" disabled={!chosen.length || pending} onClick={() => approve.mutate({ ids: chosen })} data-testid="approve-selected">
              ✓ {t('approval.approveSelected', { count: chosen.length })}
            </button>
          )
        }
      />
      <EntryFilters value={filters} onChange={change} flags={['billable']}>
        <label className="toggle">
          <input type="checkbox" checked={approvedView} onChange={(e) => change({ ...filters, approved: e.target.checked ? 'true' : 'false' })} data-testid="filter-approved" />
          {t('approval.showApproved')}
        </label>
      </EntryFilters>
      {done ? <Alert kind="success" testId="approval-done">{done}</Alert> : null}
      <ErrorAlert error={list.error ?? approve.error ?? unapprove.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <div className="card card-flush">
          {!rows.length ? (
            <Empty>{approvedView ? t('approval.noneApproved') : t('approval.nothingToApprove')}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="approval-table">
                <thead>
                  <tr>
                    <th>
                      <input
                        type="checkbox"
                        checked={allChosen}
                        onChange={() => setSelected(allChosen ? new Set() : new Set(rows.map((e) => e.id)))}
                        aria-label={t('approval.selectAll')}
                        data-testid="approval-select-all"
                      />
                    </th>
                    <th>{t('time.date')}</th>
                    <th>{t('time.employee')}</th>
                    <th>{t('time.project')}</th>
                    <th>{t('time.duration')}</th>
                    <th>{t('time.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.id} data-testid="approval-row" data-id={e.id}>
                      <td>
                        <input type="checkbox" checked={selected.has(e.id)} onChange={() => toggle(e.id)} aria-label={t('approval.select')} data-testid="approval-select" />
                      </td>
                      <td className="nowrap">
                        {formatDate(e.startTime)}
                        <div className="muted small">
                          {formatTime(e.startTime)}–{formatTime(e.endTime)}
                        </div>
                      </td>
                      <td>{e.employee.name}</td>
                      <td>
                        {e.project ? projectLabel(e.project) : <span className="muted">{t('time.internal')}</span>}
                        {e.note ? <div className="small entry-note">{e.note}</div> : null}
                      </td>
                      <td className="mono">{formatMinutes(e.durationMinutes ?? 0)}</td>
                      <td>
                        <EntryBadges entry={e} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.data ? <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} /> : null}
        </div>
      )}
    </>
  );
}
