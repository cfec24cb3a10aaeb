import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { InvoiceTable, type InvoiceSort } from './invoice-table.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { ProjectCorrectionActions } from './correction-actions.tsx';

const PAGE_SIZE = 25;

/** The project's invoices, quotes and cancellations (the project page's "Invoices" tab). */
export function ProjectInvoices({ projectId, customerId }: { projectId: string; customerId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [sort, setSort] = useState<SortState<InvoiceSort>>({ sort: 'createdAt', direction: 'desc' });
  const [page, setPage] = usePage(sort);
  const [actionError, setActionError] = useState<unknown>(null);
  const list = useQuery({
    ...trpc.invoices.list.queryOptions({ projectId, includeQuotes: true, page, pageSize: PAGE_SIZE, sort: sort.sort, direction: sort.direction }),
    placeholderData: keepPreviousData,
  });
  const preset = `customerId=${customerId}&projectId=${projectId}`;

  return (
    <>
      {can('invoices.write') ? (
        <div className="toolbar">
          <Link href={`/invoices/new?type=invoice&${preset}`} className="btn btn-small" data-testid="project-new-invoice">
            + {t('invoice.newInvoice')}
          </Link>
          <Link href={`/invoices/new?type=quote&${preset}`} className="btn btn-small" data-testid="project-new-quote">
            + {t('invoice.newQuote')}
          </Link>
          <ProjectCorrectionActions projectId={projectId} onError={setActionError} />
        </div>
      ) : null}
      <ErrorAlert error={actionError} />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('invoice.noneForProject')} testId="project-invoices">
        {(items) => <InvoiceTable items={items} sort={sort} onSort={setSort} showProject={false} />}
      </ListCard>
    </>
  );
}
