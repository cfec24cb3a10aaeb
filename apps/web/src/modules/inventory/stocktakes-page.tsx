import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';

/** `/inventory/stocktakes` (Inventur): the stocktakes, newest first; a new one starts for one location and what lies inside it. */
export function StocktakesPage() {
  const { t, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const [page, setPage] = usePage([]);
  const list = useQuery({ ...trpc.inventory.stocktakes.list.queryOptions({ page, pageSize: 25 }), placeholderData: keepPreviousData });
  const locations = useQuery(trpc.inventory.locations.list.queryOptions());
  const [f, setF] = useState({ locationId: '', countedOn: berlinDay() });
  const start = useMutation(trpc.inventory.stocktakes.start.mutationOptions({ onSuccess: (s) => navigate(`/inventory/stocktakes/${s.id}`) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ locationIds: f.locationId ? [f.locationId] : [], countedOn: f.countedOn });
  };
  return (
    <>
      <PageHeader title={t('inventory.stocktakes')}>
        <span className="muted small">{t('inventory.stocktakesHint')}</span>
      </PageHeader>
      {can('inventory.manage') ? (
        <Card title={t('inventory.startStocktake')} testId="stocktake-form">
          <ErrorAlert error={start.error} testId="stocktake-error" />
          <form className="form-grid" onSubmit={submit}>
            <SelectField
              name="locationId"
              label={t('inventory.location')}
              value={f.locationId}
              onChange={(locationId) => setF((old) => ({ ...old, locationId }))}
              emptyLabel="—"
              options={(locations.data ?? []).filter((l) => !l.virtual).map((l) => ({ value: l.id, label: l.path }))}
              testId="stocktake-location"
            />
            <TextField name="countedOn" type="date" label={t('inventory.countedOn')} value={f.countedOn} onChange={(countedOn) => setF((old) => ({ ...old, countedOn }))} />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={start.isPending} data-testid="stocktake-start">
                {t('inventory.startStocktake')}
              </button>
            </div>
          </form>
        </Card>
      ) : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('inventory.noStocktakes')} testId="stocktake-list">
        {(items) => (
          <table className="table">
            <tbody>
              {items.map((s) => (
                <tr key={s.id} data-testid="stocktake-row">
                  <td>
                    <Link href={`/inventory/stocktakes/${s.id}`}>{s.number}</Link>
                  </td>
                  <td>{formatDate(s.countedOn)}</td>
                  <td>{t(`inventory.status.${s.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListCard>
    </>
  );
}
