import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { type SortState } from '../../ui/sort-header.tsx';
import { ListToolbar } from '../../ui/list-toolbar.tsx';
import { ListCard, SortableTable } from '../../ui/sortable-table.tsx';

type ContactSort = 'lastName' | 'firstName' | 'createdAt';

export function ContactsPage() {
  const t = useT();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState<ContactSort>>({ sort: 'lastName', direction: 'asc' });
  const debounced = useDebounced(search.trim(), 250);
  const [page, setPage] = usePage([debounced, sort]);
  const list = useQuery({
    ...trpc.crm.contacts.list.queryOptions({ page, pageSize: 25, search: debounced || undefined, sort: sort.sort, direction: sort.direction }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('contact.listTitle')} />
      <ListToolbar search={{ value: search, onChange: setSearch, placeholder: t('contact.searchPlaceholder'), testId: 'contact-search' }} />
      <ErrorAlert error={list.error} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage}>
        {(items) => (
          <SortableTable
            testId="contact-table"
            sort={sort}
            onSort={setSort}
            columns={[
              { sort: 'lastName', label: t('contact.lastName') },
              { sort: 'firstName', label: t('contact.firstName') },
              { label: t('contact.customer') },
              { label: t('contact.position') },
              { label: t('contact.email') },
              { label: t('contact.phone') },
            ]}
          >
            {items.map((c) => (
              <tr key={c.id} data-testid="contact-row">
                <td>
                  {c.lastName}
                  {c.isPrimary ? <Badge tone="info">★</Badge> : null}
                </td>
                <td>{c.firstName}</td>
                <td>
                  <Link href={`/crm/customers/${c.customer.id}`} className="row-link">
                    {c.customer.name}
                  </Link>{' '}
                  <span className="mono muted small">{c.customer.customerNumber}</span>
                </td>
                <td>{c.position ?? ''}</td>
                <td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : ''}</td>
                <td>{c.phone ?? c.mobile ?? ''}</td>
              </tr>
            ))}
          </SortableTable>
        )}
      </ListCard>
    </>
  );
}
