import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ARTICLE_UNITS, type ArticleUnit } from '@workmate/domain/inventory';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';

type Article = RouterOutputs['inventory']['articles']['get'];
type Row = Record<string, string>;

/** Changes an article: its data, alternative units, sales price list and purchase prices (the lists replace the stored ones). */
export function ArticleEditForm({ article }: { article: Article }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const suppliers = useQuery(trpc.inventory.suppliers.queryOptions());
  const [f, setF] = useState({
    number: article.number,
    name: article.name,
    baseUnit: article.baseUnit as string,
    vatRate: article.vatRate,
    stockKept: article.stockKept,
    reorderPoint: article.reorderPoint ?? '',
    reorderQuantity: article.reorderQuantity ?? '',
  });
  const [units, setUnits] = useState<Row[]>(article.units.map((u) => ({ unit: u.unit, factor: String(u.factor) })));
  const [prices, setPrices] = useState<Row[]>(article.salesPrices.map((p) => ({ minQuantity: p.minQuantity, netPrice: p.netPrice })));
  const [supplierPrices, setSupplierPrices] = useState<Row[]>(article.supplierPrices.map((p) => ({ supplierId: p.supplierId, supplierArticleNumber: p.supplierArticleNumber ?? '', minQuantity: p.minQuantity, netPrice: p.netPrice })));
  const set = (k: keyof typeof f) => (v: string | boolean) => setF((old) => ({ ...old, [k]: v }));
  const save = useMutation(trpc.inventory.articles.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() }) }));
  const whole = (v: string) => (v.trim() === '' ? null : Number(v));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      id: article.id,
      version: article.version,
      number: f.number,
      name: f.name,
      description: article.description,
      baseUnit: f.baseUnit as ArticleUnit,
      vatRate: Number(f.vatRate) as 19,
      stockKept: f.stockKept,
      reorderPoint: whole(f.reorderPoint),
      reorderQuantity: whole(f.reorderQuantity),
      units: units.filter((u) => u.unit).map((u) => ({ unit: u.unit as ArticleUnit, factor: Number(u.factor) })),
      salesPrices: prices.filter((p) => p.netPrice).map((p) => ({ minQuantity: Number(p.minQuantity || 1), netPrice: p.netPrice ?? '' })),
      supplierPrices: supplierPrices.filter((p) => p.supplierId).map((p) => ({ supplierId: p.supplierId ?? '', supplierArticleNumber: p.supplierArticleNumber || null, minQuantity: Number(p.minQuantity || 1), netPrice: p.netPrice ?? '' })),
    });
  };
  const rows = (list: Row[], setList: (rows: Row[]) => void, fields: Array<{ key: string; label: string; options?: Array<{ value: string; label: string }> }>, blank: Row, testId: string) => (
    <div className="field field-wide" data-testid={testId}>
      {list.map((row, i) => (
        <div key={i} className="bank-match-row">
          {fields.map((field) =>
            field.options ? (
              <select key={field.key} value={row[field.key] ?? ''} onChange={(e) => setList(list.map((r, j) => (j === i ? { ...r, [field.key]: e.target.value } : r)))} aria-label={field.label}>
                <option value="">{field.label} …</option>
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input key={field.key} value={row[field.key] ?? ''} placeholder={field.label} aria-label={field.label} onChange={(e) => setList(list.map((r, j) => (j === i ? { ...r, [field.key]: e.target.value } : r)))} />
            ),
          )}
          <button type="button" className="btn btn-small" onClick={() => setList(list.filter((_, j) => j !== i))} aria-label={t('common.delete')}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => setList([...list, { ...blank }])}>
        +
      </button>
    </div>
  );
  return (
    <Card title={t('common.edit')} testId="article-edit">
      {save.isSuccess ? <Alert kind="success" testId="article-saved">{t('common.saved')}</Alert> : null}
      <ErrorAlert error={save.error} testId="article-edit-error" />
      <form className="form-grid" onSubmit={submit}>
        <TextField name="number" label={t('inventory.number')} value={f.number} onChange={set('number')} required />
        <TextField name="name" label={t('inventory.name')} value={f.name} onChange={set('name')} required />
        <SelectField name="baseUnit" label={t('inventory.baseUnit')} value={f.baseUnit} onChange={set('baseUnit')} options={ARTICLE_UNITS.map((u) => ({ value: u, label: u }))} />
        <SelectField name="vatRate" label={t('inventory.vatRate')} value={f.vatRate} onChange={set('vatRate')} options={['19', '7', '0'].map((r) => ({ value: r, label: `${r} %` }))} />
        <TextField name="reorderPoint" label={t('inventory.reorderPoint')} value={f.reorderPoint} onChange={set('reorderPoint')} inputMode="numeric" />
        <TextField name="reorderQuantity" label={t('inventory.reorderQuantity')} value={f.reorderQuantity} onChange={set('reorderQuantity')} inputMode="numeric" />
        <CheckboxField name="stockKept" label={t('inventory.stockKept')} checked={f.stockKept} onChange={set('stockKept')} />
        <h4 className="field-wide">{t('inventory.units')}</h4>
        {rows(units, setUnits, [{ key: 'unit', label: t('inventory.baseUnit'), options: ARTICLE_UNITS.map((u) => ({ value: u, label: u })) }, { key: 'factor', label: t('inventory.factorLabel') }], { unit: '', factor: '' }, 'article-units')}
        <h4 className="field-wide">{t('inventory.prices')}</h4>
        {rows(prices, setPrices, [{ key: 'minQuantity', label: t('inventory.fromQuantity') }, { key: 'netPrice', label: t('inventory.netPrice') }], { minQuantity: '1', netPrice: '' }, 'article-sales-prices')}
        <h4 className="field-wide">{t('inventory.supplierPrices')}</h4>
        {rows(
          supplierPrices,
          setSupplierPrices,
          [
            { key: 'supplierId', label: t('inventory.supplier'), options: (suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name })) },
            { key: 'supplierArticleNumber', label: t('inventory.supplierArticleNumber') },
            { key: 'minQuantity', label: t('inventory.fromQuantity') },
            { key: 'netPrice', label: t('inventory.netPrice') },
          ],
          { supplierId: '', supplierArticleNumber: '', minQuantity: '1', netPrice: '' },
          'article-supplier-prices',
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="article-edit-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
