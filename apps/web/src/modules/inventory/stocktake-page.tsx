import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { quantityText } from './format.ts';

/**
 * `/inventory/stocktakes/:id`: counting on a phone. One card per bin and article, sorted by bin,
 * with a big number field; the book quantity is shown once counted (so the counter is not led by it).
 */
export function StocktakePage({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const stocktake = useQuery(trpc.inventory.stocktakes.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.inventory.stocktakes.get.queryKey({ id }) });
  const close = useMutation(trpc.inventory.stocktakes.close.mutationOptions({ onSuccess: refresh }));
  if (stocktake.isPending) return <Loading />;
  if (!stocktake.data) return <ErrorAlert error={stocktake.error} onRetry={() => void stocktake.refetch()} />;
  const s = stocktake.data;
  const counted = s.lines.filter((l) => l.countedQuantity !== null).length;
  const open = s.status === 'open';
  return (
    <div className="stocktake-count">
      <PageHeader title={`${s.number} · ${formatDate(s.countedOn)}`}>
        <span className="muted small" data-testid="stocktake-progress">
          {t(`inventory.status.${s.status}`)} · {t('inventory.countedProgress', { counted, total: s.lines.length })}
        </span>
      </PageHeader>
      <ErrorAlert error={close.error} testId="stocktake-close-error" />
      <ul className="count-list" data-testid="count-list">
        {s.lines.map((line) => (
          <CountCard key={line.id} stocktakeId={s.id} line={line} editable={open && can('inventory.write')} onSaved={refresh} />
        ))}
      </ul>
      {open && can('inventory.manage') ? (
        <button type="button" className="btn btn-primary btn-block" disabled={close.isPending} onClick={() => close.mutate({ id })} data-testid="stocktake-close">
          {t('inventory.closeStocktake')}
        </button>
      ) : null}
    </div>
  );
}

type StocktakeLineDto = RouterOutputs['inventory']['stocktakes']['get']['lines'][number];

function CountCard({ stocktakeId, line, editable, onSaved }: { stocktakeId: string; line: StocktakeLineDto; editable: boolean; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [value, setValue] = useState(line.countedQuantity ?? '');
  const save = useMutation(trpc.inventory.stocktakes.count.mutationOptions({ onSuccess: onSaved }));
  return (
    <li className="card count-card" data-testid="count-card">
      <div className="count-head">
        <strong>{line.locationCode}</strong> · {line.articleNumber}
      </div>
      <div>{line.articleName}</div>
      {line.countedQuantity !== null ? (
        <div className="muted small">
          {t('inventory.book')} {quantityText(line.bookQuantity)} · {t('inventory.counted')} {quantityText(line.countedQuantity)} {line.baseUnit}
          {line.postedDifference !== null ? ` · ${t('inventory.difference')} ${quantityText(line.postedDifference)}` : ''}
        </div>
      ) : null}
      <ErrorAlert error={save.error} testId="count-error" />
      {editable ? (
        <form
          className="count-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ stocktakeId, locationId: line.locationId, articleId: line.articleId, countedQuantity: Number(value) });
          }}
        >
          <input type="number" inputMode="numeric" min={0} step={1} value={value} onChange={(e) => setValue(e.target.value)} aria-label={`${t('inventory.counted')} ${line.articleNumber}`} data-testid="count-input" />
          <span>{line.baseUnit}</span>
          <button type="submit" className="btn" disabled={save.isPending || value === ''} data-testid="count-save">
            {t('inventory.saveCount')}
          </button>
        </form>
      ) : null}
    </li>
  );
}
