import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CUSTOMER_STATUSES, CUSTOMER_TYPES, type CustomerStatus, type CustomerType } from '@workmate/domain/enums';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Modal } from '../../ui/modal.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { useCan } from '../../lib/session.ts';
import { CustomerForm } from './customer-form.tsx';
import { CustomerTable, type CustomerSort } from './customer-table.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { ListToolbar } from '../../ui/list-toolbar.tsx';
import { EnumSelect } from '../../ui/enum-select.tsx';

const PAGE_SIZE = 25;

export function CustomersPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<CustomerStatus | ''>('');
  const [type, setType] = useState<CustomerType | ''>('');
  const [deleted, setDeleted] = useState(false);
  const [sort, setSort] = useState<SortState<CustomerSort>>({ sort: 'name', direction: 'asc' });
  const [creating, setCreating] = useState(false);
  const debouncedSearch = useDebounced(search.trim(), 250);

  const [page, setPage] = usePage([debouncedSearch, status, type, deleted, sort]);

  const input = {
    page,
    pageSize: PAGE_SIZE,
    search: debouncedSearch || undefined,
    status: status || undefined,
    type: type || undefined,
    deleted,
    sort: sort.sort,
    direction: sort.direction,
  };
  const list = useQuery({ ...trpc.crm.customers.list.queryOptions(input), placeholderData: keepPreviousData });
  const restore = useMutation(
    trpc.crm.customers.restore.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() }) }),
  );

  return (
    <>
      <PageHeader
        title={t('customer.listTitle')}
        actions={
          can('crm.write') ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-customer">
              + {t('customer.new')}
            </button>
          ) : null
        }
      />
      <FilterBar>
        <ListToolbar search={{ value: search, onChange: setSearch, placeholder: t('customer.searchPlaceholder'), testId: 'customer-search' }}>
          <EnumSelect label={t('customer.status')} value={status} onChange={setStatus} values={CUSTOMER_STATUSES} prefix="customerStatus" testId="filter-status" />
          <EnumSelect label={t('customer.type')} value={type} onChange={setType} values={CUSTOMER_TYPES} prefix="customerType" testId="filter-type" />
          {can('crm.restore') ? (
            <label className="toggle">
              <input type="checkbox" checked={deleted} onChange={(e) => setDeleted(e.target.checked)} data-testid="show-deleted" />
              {t('common.showDeleted')}
            </label>
          ) : null}
        </ListToolbar>
      </FilterBar>
      <ErrorAlert error={list.error ?? restore.error} />
      <CustomerTable
        result={list.data}
        loading={list.isPending}
        sort={sort}
        onSort={setSort}
        onPage={setPage}
        onRestore={can('crm.restore') ? (id) => restore.mutate({ id }) : undefined}
        restoring={restore.isPending}
      />
      {creating ? (
        <Modal title={t('customer.new')} onClose={() => setCreating(false)} testId="customer-dialog" wide>
          <CustomerForm onSaved={(saved) => navigate(`/crm/customers/${saved.id}`)} onCancel={() => setCreating(false)} />
        </Modal>
      ) : null}
    </>
  );
}
