import type { CUSTOMER_SORTS } from '@workmate/domain/schemas/crm';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { Badge } from '../../ui/badge.tsx';
import { STATUS_TONES } from '../../ui/enum-options.ts';
import { type SortState } from '../../ui/sort-header.tsx';
import { ListCard, SortableTable } from '../../ui/sortable-table.tsx';

export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

type CustomerPage = RouterOutputs['crm']['customers']['list'];

interface Props {
  result: CustomerPage | undefined;
  loading: boolean;
  sort: SortState<CustomerSort>;
  onSort: (next: SortState<CustomerSort>) => void;
  onPage: (page: number) => void;
  onRestore: ((id: string) => void) | undefined;
  restoring: boolean;
}

export function CustomerTable({ result, loading, sort, onSort, onPage, onRestore, restoring }: Props) {
  const { t, tOr } = useI18n();
  return (
    <ListCard loading={loading} result={result} onPage={onPage}>
      {(items) => (
        <SortableTable
          testId="customer-table"
          sort={sort}
          onSort={onSort}
          columns={[
            { sort: 'customerNumber', label: t('customer.customerNumber') },
            { sort: 'name', label: t('customer.name') },
            { sort: 'city', label: t('customer.city'), className: 'col-low' },
            { sort: 'status', label: t('customer.status') },
            { label: t('customer.type'), className: 'col-low' },
            { label: t('customer.primaryContact'), className: 'col-low' },
            onRestore ? { label: <span className="sr-only">{t('common.actions')}</span> } : null,
          ]}
        >
          {items.map((c) => (
            <tr key={c.id} data-testid="customer-row">
              <td className="mono">{c.customerNumber}</td>
              <td>
                <Link href={`/crm/customers/${c.id}`} className="row-link">
                  {c.name}
                </Link>
                {c.deletedAt ? <Badge tone="danger">{t('common.deletedBadge')}</Badge> : null}
              </td>
              <td className="col-low">{c.city ?? ''}</td>
              <td>
                <Badge tone={STATUS_TONES[c.status]}>{tOr(`customerStatus.${c.status}`, c.status)}</Badge>
              </td>
              <td className="col-low">{tOr(`customerType.${c.type}`, c.type)}</td>
              <td className="col-low">{c.primaryContact?.name ?? ''}</td>
              {onRestore ? (
                <td className="cell-actions">
                  {c.deletedAt ? (
                    <button type="button" className="btn btn-small" disabled={restoring} onClick={() => onRestore(c.id)} data-testid="restore-customer">
                      {t('common.restore')}
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </SortableTable>
      )}
    </ListCard>
  );
}
