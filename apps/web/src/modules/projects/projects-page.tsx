import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PROJECT_PRIORITIES, PROJECT_STATUSES, type ProjectPriority, type ProjectStatus } from '@workmate/domain/enums';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ChipToggles } from '../../ui/chip-toggles.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { PageHeader } from '../../ui/page.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { ProjectTable, type ProjectSort } from './project-table.tsx';
import { ListToolbar } from '../../ui/list-toolbar.tsx';
import { EnumSelect } from '../../ui/enum-select.tsx';

const PAGE_SIZE = 25;

/** `/projects/list`; `?overdue=1` and `?status=active` (from the dashboard) preset the filters. */
export function ProjectsPage() {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const params = new URLSearchParams(useSearch());
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string[]>(() => params.getAll('status').filter((s) => (PROJECT_STATUSES as readonly string[]).includes(s)));
  const [priority, setPriority] = useState<ProjectPriority | ''>('');
  const [customerId, setCustomerId] = useState('');
  const [overdue, setOverdue] = useState(params.get('overdue') === '1');
  const [deleted, setDeleted] = useState(false);
  const [sort, setSort] = useState<SortState<ProjectSort>>({ sort: 'projectNumber', direction: 'desc' });
  const debouncedSearch = useDebounced(search.trim(), 250);
  const [page, setPage] = usePage([debouncedSearch, status, priority, customerId, overdue, deleted, sort]);

  const input = {
    page,
    pageSize: PAGE_SIZE,
    search: debouncedSearch || undefined,
    status: status.length ? (status as ProjectStatus[]) : undefined,
    priority: priority || undefined,
    customerId: customerId || undefined,
    overdue: overdue || undefined,
    deleted,
    sort: sort.sort,
    direction: sort.direction,
  };
  const list = useQuery({ ...trpc.projects.list.queryOptions(input), placeholderData: keepPreviousData });
  const restore = useMutation(
    trpc.projects.restore.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() }) }),
  );

  return (
    <>
      <PageHeader
        title={t('project.listTitle')}
        actions={
          can('projects.write') ? (
            <Link href="/projects/new" className="btn btn-primary" data-testid="new-project">
              + {t('project.new')}
            </Link>
          ) : null
        }
      />
      <ListToolbar search={{ value: search, onChange: setSearch, placeholder: t('project.searchPlaceholder'), testId: 'project-search' }}>
        <EnumSelect label={t('project.priority')} value={priority} onChange={setPriority} values={PROJECT_PRIORITIES} prefix="projectPriority" testId="filter-priority" />
        <CustomerPicker name="customerId" label={t('project.customer')} value={customerId} onChange={setCustomerId} emptyLabel={`${t('project.customer')}: ${t('common.all')}`} compact />
        <label className="toggle">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="filter-overdue" />
          {t('project.onlyOverdue')}
        </label>
        {can('projects.restore') ? (
          <label className="toggle">
            <input type="checkbox" checked={deleted} onChange={(e) => setDeleted(e.target.checked)} data-testid="show-deleted" />
            {t('common.showDeleted')}
          </label>
        ) : null}
      </ListToolbar>
      <div className="toolbar">
        <ChipToggles label={t('project.status')} options={enumOptions(PROJECT_STATUSES, 'projectStatus', tOr)} selected={status} onChange={setStatus} testId="filter-status" />
      </div>
      <ErrorAlert error={list.error ?? restore.error} />
      <ProjectTable
        result={list.data}
        loading={list.isPending}
        sort={sort}
        onSort={setSort}
        onPage={setPage}
        onRestore={can('projects.restore') ? (id) => restore.mutate({ id }) : undefined}
        restoring={restore.isPending}
      />
    </>
  );
}
