import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { DUNNING_NOTICE_STATUSES, type DunningNoticeStatus } from '@workmate/domain/schemas/dunning';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { useInvalidateDunning } from './dunning-options.ts';
import { NoticeTable } from './notice-table.tsx';

const PAGE_SIZE = 25;

/**
 * `/invoices/dunning` (Mahnwesen): the notices the daily run proposed (to send or discard) and
 * those sent, with their frozen amounts; a run can be started by hand for today.
 */
export function DunningPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const invalidate = useInvalidateDunning();
  const [status, setStatus] = useState<DunningNoticeStatus | ''>('proposed');
  const [page, setPage] = usePage([status]);
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({ ...trpc.dunning.notices.list.queryOptions({ page, pageSize: PAGE_SIZE, ...(status ? { status } : {}) }), placeholderData: keepPreviousData });
  const run = useMutation(
    trpc.dunning.run.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await invalidate();
      },
      onError: setError,
    }),
  );

  return (
    <>
      <PageHeader
        title={t('dunning.title')}
        actions={
          <>
            {can('dunning.read') ? (
              <Link href="/admin/dunning" className="btn" data-testid="dunning-settings-link">
                {t('dunning.levels')}
              </Link>
            ) : null}
            {can('dunning.write') ? (
              <button type="button" className="btn btn-primary" disabled={run.isPending} onClick={() => run.mutate()} data-testid="dunning-run">
                {t('dunning.run')}
              </button>
            ) : null}
          </>
        }
      >
        <span className="muted small">{t('dunning.hint')}</span>
      </PageHeader>
      {run.data ? <Alert kind="success" testId="dunning-run-result">{t('dunning.runResult', { proposed: run.data.proposed, due: run.data.due })}</Alert> : null}
      <ErrorAlert error={error} testId="dunning-error" />
      <FilterBar>
        <select value={status} onChange={(e) => setStatus(e.target.value as DunningNoticeStatus | '')} aria-label={t('dunning.status')} data-testid="dunning-filter-status">
          <option value="">{t('common.all')}</option>
          {DUNNING_NOTICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`dunning.status.${s}`)}
            </option>
          ))}
        </select>
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('dunning.empty')} testId="dunning-list">
        {(items) => <NoticeTable notices={items} showInvoice onError={setError} />}
      </ListCard>
    </>
  );
}
