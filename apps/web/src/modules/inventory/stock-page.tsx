import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { quantityText } from './format.ts';

/** `/inventory/stock` (Bestand): stock by location, the reorder proposals, and new locations. */
export function StockPage() {
  const { t, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [locationId, setLocationId] = useState('');
  const [page, setPage] = usePage([locationId]);
  const locations = useQuery(trpc.inventory.locations.list.queryOptions());
  const stock = useQuery({ ...trpc.inventory.stock.list.queryOptions({ page, pageSize: 50, ...(locationId ? { locationId } : {}) }), placeholderData: keepPreviousData });
  const reorder = useQuery(trpc.inventory.stock.reorder.queryOptions());
  const label = (l: { virtual: boolean; kind: string; path: string }) => (l.virtual ? t(`inventory.kind.${l.kind}` as 'inventory.kind.bin') : l.path);
  return (
    <>
      <PageHeader title={t('inventory.stock')}>
        <span className="muted small">{t('inventory.stockHint')}</span>
      </PageHeader>
      <FilterBar>
        <select value={locationId} onChange={(e) => setLocationId(e.target.value)} aria-label={t('inventory.location')} data-testid="stock-location">
          <option value="">{t('inventory.allLocations')}</option>
          {(locations.data ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {label(l)}
            </option>
          ))}
        </select>
      </FilterBar>
      <ErrorAlert error={stock.error} onRetry={() => void stock.refetch()} />
      <ListCard loading={stock.isPending} result={stock.data} onPage={setPage} empty={t('inventory.noStock')} testId="stock-list">
        {(items) => (
          <div className="table-wrap">
            <table className="table" data-testid="stock-table">
              <thead>
                <tr>
                  <th>{t('inventory.number')}</th>
                  <th>{t('inventory.name')}</th>
                  <th>{t('inventory.location')}</th>
                  <th className="num">{t('inventory.onHand')}</th>
                  <th className="num">{t('inventory.reserved')}</th>
                  <th className="num">{t('inventory.available')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={`${s.articleId}-${s.locationId}`} data-testid="stock-row">
                    <td>
                      <Link href={`/inventory/articles/${s.articleId}`}>{s.articleNumber}</Link>
                    </td>
                    <td>{s.articleName}</td>
                    <td>{s.locationCode}</td>
                    <td className="num">{quantityText(s.onHand)} {s.baseUnit}</td>
                    <td className="num">{quantityText(s.reserved)}</td>
                    <td className="num">{quantityText(s.available)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListCard>
      <Card title={t('inventory.reorder')} testId="reorder-list">
        {reorder.data?.length === 0 ? <p className="muted">{t('inventory.reorderEmpty')}</p> : null}
        <div className="table-wrap">
          <table className="table table-compact">
            <tbody>
              {(reorder.data ?? []).map((r) => (
                <tr key={r.articleId} data-testid="reorder-row">
                  <td>
                    <Link href={`/inventory/articles/${r.articleId}`}>{r.number}</Link> {r.name}
                  </td>
                  <td className="num">
                    {t('inventory.available')} {quantityText(r.available)} / {t('inventory.reorderPoint')} {quantityText(r.reorderPoint)}
                  </td>
                  <td className="num">
                    {t('inventory.proposed')} {quantityText(r.proposedQuantity)} {r.baseUnit}
                  </td>
                  <td>{r.supplierName ? `${r.supplierName} ${formatMoney(r.netPrice)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {can('inventory.manage') ? <NewLocationForm locations={locations.data ?? []} /> : null}
    </>
  );
}

function NewLocationForm({ locations }: { locations: Array<{ id: string; kind: string; path: string }> }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, setF] = useState({ kind: 'warehouse', code: '', name: '', parentId: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const parentKind = f.kind === 'zone' ? 'warehouse' : f.kind === 'bin' ? 'zone' : null;
  const create = useMutation(
    trpc.inventory.locations.create.mutationOptions({
      onSuccess: async () => {
        setF((old) => ({ ...old, code: '', name: '' }));
        await queryClient.invalidateQueries({ queryKey: trpc.inventory.locations.list.queryKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ kind: f.kind as 'warehouse', code: f.code, name: f.name, parentId: parentKind ? f.parentId || null : null });
  };
  return (
    <Card title={t('inventory.newLocation')} testId="location-form">
      <ErrorAlert error={create.error} testId="location-error" />
      <form className="form-grid" onSubmit={submit}>
        <SelectField name="kind" label={t('inventory.kind')} value={f.kind} onChange={set('kind')} options={(['warehouse', 'zone', 'bin'] as const).map((k) => ({ value: k, label: t(`inventory.kind.${k}`) }))} testId="location-kind" />
        {parentKind ? (
          <SelectField name="parentId" label={t('inventory.parent')} value={f.parentId} onChange={set('parentId')} emptyLabel="—" options={locations.filter((l) => l.kind === parentKind).map((l) => ({ value: l.id, label: l.path }))} testId="location-parent" />
        ) : null}
        <TextField name="code" label={t('inventory.code')} value={f.code} onChange={set('code')} required testId="location-code" />
        <TextField name="name" label={t('inventory.name')} value={f.name} onChange={set('name')} required testId="location-name" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="location-save">
            {t('common.create')}
          </button>
        </div>
      </form>
    </Card>
  );
}
