import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';

export interface LineDraft {
  articleId: string;
  quantity: string;
  unitPrice: string;
}
export const emptyLine = (): LineDraft => ({ articleId: '', quantity: '1', unitPrice: '' });

/** Article, quantity and (optional) price per line, for sales and purchase orders; phone-friendly rows. */
export function OrderLinesForm({ lines, onChange }: { lines: LineDraft[]; onChange: (lines: LineDraft[]) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const articles = useQuery(trpc.inventory.articles.list.queryOptions({ pageSize: 200 }));
  const set = (i: number, patch: Partial<LineDraft>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <div className="field field-wide">
      {lines.map((line, i) => (
        <div key={i} className="bank-match-row" data-testid="order-line">
          <select value={line.articleId} onChange={(e) => set(i, { articleId: e.target.value })} aria-label={t('orders.article')} data-testid="order-line-article">
            <option value="">{t('orders.article')} …</option>
            {(articles.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.number} {a.name}
              </option>
            ))}
          </select>
          <input inputMode="numeric" value={line.quantity} onChange={(e) => set(i, { quantity: e.target.value })} aria-label={t('inventory.quantity')} data-testid="order-line-quantity" />
          <input inputMode="decimal" value={line.unitPrice} placeholder={t('orders.priceHint')} onChange={(e) => set(i, { unitPrice: e.target.value })} aria-label={t('orders.price')} />
        </div>
      ))}
      <button type="button" className="btn" onClick={() => onChange([...lines, emptyLine()])}>
        {t('orders.addLine')}
      </button>
    </div>
  );
}

/** The lines as the API takes them (an empty price: the price list decides). */
export const linesInput = (lines: LineDraft[]) => lines.map((l) => ({ articleId: l.articleId, quantity: Number(l.quantity), ...(l.unitPrice.trim() ? { unitPrice: l.unitPrice } : {}) }));
