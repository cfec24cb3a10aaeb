import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ARTICLE_UNITS } from '@workmate/domain/inventory';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';
import { quantityText } from './format.ts';

const PAGE_SIZE = 25;

/** `/inventory` (Artikel): the articles with their stock; a new one is created on the same page. */
export function ArticlesPage() {
  const { t, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const [page, setPage] = usePage([search]);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ ...trpc.inventory.articles.list.queryOptions({ page, pageSize: PAGE_SIZE, search: search || null }), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title={t('inventory.articles')}
        actions={
          can('inventory.write') ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="article-new">
              + {t('inventory.newArticle')}
            </button>
          ) : null
        }
      >
        <span className="muted small">{t('inventory.articlesHint')}</span>
      </PageHeader>
      {creating ? <NewArticleForm onDone={(id) => (id ? navigate(`/inventory/articles/${id}`) : setCreating(false))} /> : null}
      <FilterBar>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('common.search')} aria-label={t('common.search')} data-testid="article-search" />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('inventory.empty')} testId="article-list">
        {(items) => (
          <div className="table-wrap">
            <table className="table" data-testid="article-table">
              <thead>
                <tr>
                  <th>{t('inventory.number')}</th>
                  <th>{t('inventory.name')}</th>
                  <th>{t('inventory.baseUnit')}</th>
                  <th className="num">{t('inventory.onHand')}</th>
                  <th className="num">{t('inventory.available')}</th>
                  <th className="num">{t('inventory.averageCost')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id} className="clickable" onClick={() => navigate(`/inventory/articles/${a.id}`)} data-testid="article-row">
                    <td>
                      <a href={`/inventory/articles/${a.id}`} onClick={(e) => { e.preventDefault(); navigate(`/inventory/articles/${a.id}`); }}>
                        {a.number}
                      </a>
                    </td>
                    <td>{a.name}</td>
                    <td>{a.baseUnit}</td>
                    <td className="num">{a.stockKept ? quantityText(a.onHand) : '—'}</td>
                    <td className="num">{a.stockKept ? quantityText(String(BigInt(a.onHand) - BigInt(a.reserved))) : '—'}</td>
                    <td className="num">{formatMoney(a.averageCost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListCard>
    </>
  );
}

const wholeOrNull = (v: string) => (v.trim() === '' ? null : Number(v));

function NewArticleForm({ onDone }: { onDone: (id: string | null) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, setF] = useState({ number: '', name: '', baseUnit: 'H87', vatRate: '19', stockKept: true, reorderPoint: '', reorderQuantity: '', price: '' });
  const set = (k: keyof typeof f) => (v: string | boolean) => setF((old) => ({ ...old, [k]: v }));
  const create = useMutation(
    trpc.inventory.articles.create.mutationOptions({
      onSuccess: async (article) => {
        await queryClient.invalidateQueries({ queryKey: trpc.inventory.articles.list.queryKey() });
        onDone(article.id);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      number: f.number,
      name: f.name,
      baseUnit: f.baseUnit as (typeof ARTICLE_UNITS)[number],
      vatRate: Number(f.vatRate) as 19,
      stockKept: f.stockKept,
      reorderPoint: wholeOrNull(f.reorderPoint),
      reorderQuantity: wholeOrNull(f.reorderQuantity),
      salesPrices: f.price.trim() ? [{ minQuantity: 1, netPrice: f.price }] : [],
    });
  };
  return (
    <Card title={t('inventory.newArticle')} testId="article-form">
      <ErrorAlert error={create.error} testId="article-error" />
      <form className="form-grid" onSubmit={submit}>
        <TextField name="number" label={t('inventory.number')} value={f.number} onChange={set('number')} required testId="article-number" />
        <TextField name="name" label={t('inventory.name')} value={f.name} onChange={set('name')} required testId="article-name" />
        <SelectField name="baseUnit" label={t('inventory.baseUnit')} value={f.baseUnit} onChange={set('baseUnit')} options={ARTICLE_UNITS.map((u) => ({ value: u, label: u }))} testId="article-unit" />
        <SelectField name="vatRate" label={t('inventory.vatRate')} value={f.vatRate} onChange={set('vatRate')} options={['19', '7', '0'].map((r) => ({ value: r, label: `${r} %` }))} />
        <TextField name="price" label={t('inventory.salesPrice')} value={f.price} onChange={set('price')} inputMode="decimal" testId="article-price" />
        <TextField name="reorderPoint" label={t('inventory.reorderPoint')} value={f.reorderPoint} onChange={set('reorderPoint')} inputMode="numeric" />
        <TextField name="reorderQuantity" label={t('inventory.reorderQuantity')} value={f.reorderQuantity} onChange={set('reorderQuantity')} inputMode="numeric" />
        <CheckboxField name="stockKept" label={t('inventory.stockKept')} checked={f.stockKept} onChange={set('stockKept')} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="article-save">
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Card>
  );
}
