import type { CUSTOMER_SORTS } from '@workmate/domain/schemas/crm';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { Badge } from '../../ui/badge.tsx';
import { STATUS_TONES } from '../../ui/enum-options.ts';
import { Empty, Loading } from '../../ui/page.tsx';
import { Pager } from '../../ui/pager.tsx';
import { SortHeader, type SortState } from '../../ui/sort-header.tsx';

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
  if (loading && !result) return <Loading />;
  if (!result) return null;
  return (
    <div className="card card-flush">
      {result.items.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="customer-table">
            <thead>
              <tr>
                <SortHeader column="customerNumber" label={t('customer.customerNumber')} state={sort} onChange={onSort} />
                <SortHeader column="name" label={t('customer.name')} state={sort} onChange={onSort} />
                <SortHeader column="city" label={t('customer.city')} state={sort} onChange={onSort} className="col-low" />
                <SortHeader column="status" label={t('customer.status')} state={sort} onChange={onSort} />
                <th className="col-low">{t('customer.type')}</th>
                <th className="col-low">{t('customer.primaryContact')}</th>
                {onRestore ? <th><span className="sr-only">{t('common.actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {result.items.map((c) => (
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
            </tbody>
          </table>
        </div>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} onPage={onPage} />
    </div>
  );
}
