import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EMPLOYEE_STATUSES, type EmployeeStatus } from '@workmate/domain/enums';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { PageHeader } from '../../ui/page.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { EmployeeTable, type EmployeeSort } from './employee-table.tsx';
import { ListToolbar } from '../../ui/list-toolbar.tsx';
import { EnumSelect } from '../../ui/enum-select.tsx';

export function EmployeesPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<EmployeeStatus | ''>('');
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [sort, setSort] = useState<SortState<EmployeeSort>>({ sort: 'lastName', direction: 'asc' });
  const debounced = useDebounced(search.trim(), 250);
  const [page, setPage] = usePage([debounced, status, includeDeleted, sort]);
  const list = useQuery({
    ...trpc.core.employees.list.queryOptions({
      page,
      pageSize: 25,
      search: debounced || undefined,
      status: status || undefined,
      includeDeleted,
      sort: sort.sort,
      direction: sort.direction,
    }),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() });
  const remove = useMutation(trpc.core.employees.delete.mutationOptions({ onSuccess: invalidate }));
  const restore = useMutation(trpc.core.employees.restore.mutationOptions({ onSuccess: invalidate }));
  const admin = can('core.admin');

  return (
    <>
      <PageHeader
        title={t('employee.listTitle')}
        actions={
          admin ? (
            <Link href="/admin/employees/new" className="btn btn-primary" data-testid="new-employee">
              + {t('employee.new')}
            </Link>
          ) : null
        }
      />
      <ListToolbar search={{ value: search, onChange: setSearch, placeholder: t('employee.searchPlaceholder'), testId: 'employee-search' }}>
        <EnumSelect label={t('employee.status')} value={status} onChange={setStatus} values={EMPLOYEE_STATUSES} prefix="employeeStatus" testId="filter-employee-status" />
        {admin ? (
          <label className="toggle">
            <input type="checkbox" checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.target.checked)} data-testid="show-deleted-employees" />
            {t('employee.includeDeleted')}
          </label>
        ) : null}
      </ListToolbar>
      <ErrorAlert error={list.error ?? remove.error ?? restore.error} />
      <EmployeeTable
        result={list.data}
        loading={list.isPending}
        sort={sort}
        onSort={setSort}
        onPage={setPage}
        busy={remove.isPending || restore.isPending}
        onDeactivate={admin ? (e) => window.confirm(t('employee.confirmDeactivate', { name: `${e.firstName} ${e.lastName}` })) && remove.mutate({ id: e.id }) : undefined}
        onRestore={admin ? (e) => restore.mutate({ id: e.id }) : undefined}
      />
    </>
  );
}
