import { useQuery } from '@tanstack/react-query';
import { trimDecimal } from '@workmate/domain/money';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC, useTRPCClient } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { decimalText } from './invoice-options.ts';
import type { LineValues } from './invoice-values.ts';

/** Adds a line selling an article: description, unit, list price for the quantity and VAT rate come from the article (inventory). */
export function ArticleLinePicker({ onPick, newKey }: { onPick: (line: LineValues) => void; newKey: () => string }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const articles = useQuery(trpc.inventory.articles.list.queryOptions({ pageSize: 200 }));
  const [articleId, setArticleId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState<unknown>(null);
  const add = async () => {
    setError(null);
    try {
      const d = await client.inventory.articles.lineDefaults.query({ articleId, quantity: Number(quantity) });
      onPick({ key: newKey(), description: d.description, quantity, unit: d.unit, unitPrice: decimalText(trimDecimal(d.unitPrice, 2), lang), taxRate: String(d.taxRate), timeEntryCount: 0, articleId: d.articleId });
      setArticleId('');
      setQuantity('1');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="bank-match-row" data-testid="article-line-picker">
      <ErrorAlert error={error} testId="article-line-error" />
      <select value={articleId} onChange={(e) => setArticleId(e.target.value)} aria-label={t('invoice.articleLine')} data-testid="article-line-select">
        <option value="">{t('invoice.articleLine')} …</option>
        {(articles.data?.items ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {a.number} {a.name}
          </option>
        ))}
      </select>
      <input inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-label={t('inventory.quantity')} data-testid="article-line-quantity" />
      <button type="button" className="btn btn-small" disabled={!articleId || !/^\d+$/.test(quantity) || Number(quantity) < 1} onClick={() => void add()} data-testid="article-line-add">
        {t('invoice.addArticleLine')}
      </button>
    </div>
  );
}
