import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { quantityText } from './format.ts';
import { ArticleEditForm } from './article-edit-form.tsx';
import { MoveForm } from './move-form.tsx';

/** `/inventory/articles/:id`: an article's data, prices, stock by location and its ledger; stock moves are posted here. */
export function ArticleDetailPage({ id }: { id: string }) {
  const { t, formatMoney, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const article = useQuery(trpc.inventory.articles.get.queryOptions({ id }));
  const stock = useQuery(trpc.inventory.stock.list.queryOptions({ articleId: id, pageSize: 200 }));
  const moves = useQuery(trpc.inventory.stock.moves.queryOptions({ articleId: id, pageSize: 50 }));
  if (article.isPending) return <Loading />;
  if (!article.data) return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;
  const a = article.data;
  return (
    <>
      <PageHeader title={`${a.number} · ${a.name}`}>
        <span className="muted small" data-testid="article-summary">
          {a.baseUnit} · {a.vatRate} % · {t('inventory.onHand')} {quantityText(a.onHand)} · {t('inventory.averageCost')} {formatMoney(a.averageCost)}
        </span>
      </PageHeader>
      <div className="grid-2">
        <Card title={t('inventory.prices')} testId="article-prices">
          <table className="table table-compact">
            <tbody>
              {a.salesPrices.map((p) => (
                <tr key={p.minQuantity}>
                  <td>
                    {t('inventory.fromQuantity')} {quantityText(p.minQuantity)}
                  </td>
                  <td className="num">{formatMoney(p.netPrice)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {a.units.length ? <h4>{t('inventory.units')}</h4> : null}
          {a.units.map((u) => (
            <div key={u.unit}>{t('inventory.factor', { unit: u.unit, factor: u.factor, base: a.baseUnit })}</div>
          ))}
          {a.supplierPrices.length ? <h4>{t('inventory.supplierPrices')}</h4> : null}
          {a.supplierPrices.map((p) => (
            <div key={`${p.supplierId}-${p.minQuantity}`}>
              {p.supplierName} {p.supplierArticleNumber ? `(${p.supplierArticleNumber})` : ''}: {t('inventory.fromQuantity')} {quantityText(p.minQuantity)} {formatMoney(p.netPrice)}
            </div>
          ))}
        </Card>
        <Card title={t('inventory.stockByLocation')} testId="article-stock">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>{t('inventory.location')}</th>
                <th className="num">{t('inventory.onHand')}</th>
                <th className="num">{t('inventory.reserved')}</th>
              </tr>
            </thead>
            <tbody>
              {(stock.data?.items ?? []).map((s) => (
                <tr key={s.locationId} data-testid="article-stock-row">
                  <td>{s.locationCode}</td>
                  <td className="num">{quantityText(s.onHand)}</td>
                  <td className="num">{quantityText(s.reserved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      {can('inventory.write') && a.stockKept ? <MoveForm articleId={a.id} /> : null}
      {can('inventory.write') ? <ArticleEditForm key={a.version} article={a} /> : null}
      <Card title={t('inventory.ledger')} testId="article-moves">
        <ErrorAlert error={moves.error} />
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>{t('inventory.movedOn')}</th>
                <th>{t('inventory.from')}</th>
                <th>{t('inventory.to')}</th>
                <th className="num">{t('inventory.quantity')}</th>
                <th className="num">{t('inventory.unitCost')}</th>
                <th>{t('inventory.source')}</th>
              </tr>
            </thead>
            <tbody>
              {(moves.data?.items ?? []).map((m) => (
                <tr key={m.id} data-testid="move-row">
                  <td>{formatDate(m.movedOn)}</td>
                  <td>{m.fromCode}</td>
                  <td>{m.toCode}</td>
                  <td className="num">{quantityText(m.quantity)}</td>
                  <td className="num">{formatMoney(m.unitCost)}</td>
                  <td>{m.note ?? m.sourceType}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
