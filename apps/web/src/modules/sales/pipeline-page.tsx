import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '@workmate/domain/sales';
import { useState, type DragEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { RouterOutputs } from '../../trpc.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { OpportunityForm } from './opportunity-form.tsx';

type Opportunity = RouterOutputs['sales']['opportunities']['list']['items'][number];

/** Sums decimal strings exactly (cents as BigInt), for the column totals. */
function sumAmounts(amounts: string[]): string {
  const cents = amounts.reduce((acc, a) => {
    const [whole = '0', fraction = ''] = a.split('.');
    return acc + BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  }, 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/**
 * `/sales`: the pipeline as a board, one column per stage. Cards move by drag and drop (HTML5)
 * or, from the keyboard, with the stage select on each card. A won card makes its quote.
 */
export function PipelinePage() {
  const { t, tOr, formatMoney, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  const [over, setOver] = useState<OpportunityStage | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const list = useQuery(trpc.sales.opportunities.list.queryOptions({ pageSize: 200 }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.sales.pathKey() });
  const move = useMutation(
    trpc.sales.opportunities.move.mutationOptions({
      onSuccess: async (o) => {
        setMoved(t('sales.moved', { title: o.title, stage: tOr(`opportunityStage.${o.stage}`, o.stage) }));
        await invalidate();
      },
    }),
  );
  const quote = useMutation(
    trpc.sales.opportunities.createQuote.mutationOptions({
      onSuccess: async (r) => {
        await invalidate();
        navigate(`/invoices/${r.quoteId}`);
      },
    }),
  );
  const canWrite = can('sales.write');
  if (list.isPending) return <Loading />;
  if (!list.data) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.items;

  const drop = (stage: OpportunityStage) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData('text/plain');
    const card = items.find((o) => o.id === id);
    if (card && card.stage !== stage) move.mutate({ id, stage });
  };

  return (
    <>
      <PageHeader
        title={t('sales.pipelineTitle')}
        actions={
          canWrite ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-opportunity">
              + {t('sales.new')}
            </button>
          ) : null
        }
      />
      <p className="muted small">{t('sales.dragHint')}</p>
      <ErrorAlert error={move.error ?? quote.error} />
      <div role="status" aria-live="polite" className="sr-only">{moved}</div>
      {moved ? <Alert kind="success" testId="opportunity-moved">{moved}</Alert> : null}
      <div className="pipeline-board" data-testid="pipeline-board">
        {OPPORTUNITY_STAGES.map((stage) => {
          const cards = items.filter((o) => o.stage === stage);
          return (
            <section
              key={stage}
              className={`pipeline-column${over === stage ? ' pipeline-column-over' : ''}`}
              data-testid={`stage-${stage}`}
              aria-label={tOr(`opportunityStage.${stage}`, stage)}
              onDragOver={(e) => {
                if (!canWrite) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                setOver(stage);
              }}
              onDragLeave={() => setOver((s) => (s === stage ? null : s))}
              onDrop={drop(stage)}
            >
              <header className="pipeline-column-head">
                <h2>{tOr(`opportunityStage.${stage}`, stage)}</h2>
                <span className="muted small" data-testid={`stage-total-${stage}`}>
                  {t('sales.columnTotal', { count: cards.length, amount: formatMoney(sumAmounts(cards.map((c) => c.amount))) })}
                </span>
              </header>
              {cards.map((o) => (
                <OpportunityCard
                  key={o.id}
                  o={o}
                  canWrite={canWrite}
                  onMove={(to) => move.mutate({ id: o.id, stage: to })}
                  onQuote={can('invoices.write') ? () => quote.mutate({ id: o.id }) : null}
                  busy={quote.isPending}
                  formatMoney={formatMoney}
                  formatDate={formatDate}
                />
              ))}
            </section>
          );
        })}
      </div>
      {creating ? (
        <Modal title={t('sales.new')} onClose={() => setCreating(false)} testId="opportunity-dialog" wide>
          <OpportunityForm onDone={() => setCreating(false)} onCancel={() => setCreating(false)} />
        </Modal>
      ) : null}
    </>
  );
}

function OpportunityCard(props: {
  o: Opportunity;
  canWrite: boolean;
  onMove: (stage: OpportunityStage) => void;
  onQuote: (() => void) | null;
  busy: boolean;
  formatMoney: (a: string) => string;
  formatDate: (d: string) => string;
}) {
  const { t, tOr } = useI18n();
  const { o, canWrite } = props;
  return (
    <article
      className="pipeline-card"
      draggable={canWrite}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', o.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      data-testid="opportunity-card"
      data-id={o.id}
    >
      <strong className="pipeline-card-title">{o.title}</strong>
      <div className="small">{o.customerName}{o.contactName ? ` · ${o.contactName}` : ''}</div>
      <div className="pipeline-card-figures">
        <span data-testid="opportunity-amount">{props.formatMoney(o.amount)}</span>
        <span className="muted small">{o.probability} %</span>
      </div>
      <div className="muted small">
        {t('sales.expectedCloseDate')}: {props.formatDate(o.expectedCloseDate)}
        {o.ownerName ? ` · ${o.ownerName}` : ''}
      </div>
      {canWrite ? (
        <select
          className="pipeline-card-stage"
          value={o.stage}
          aria-label={t('sales.moveTo', { title: o.title })}
          onChange={(e) => props.onMove(e.target.value as OpportunityStage)}
          data-testid="opportunity-stage-select"
        >
          {OPPORTUNITY_STAGES.map((s) => (
            <option key={s} value={s}>
              {tOr(`opportunityStage.${s}`, s)}
            </option>
          ))}
        </select>
      ) : null}
      {o.quoteId ? (
        <Link href={`/invoices/${o.quoteId}`} className="small" data-testid="opportunity-quote-link">
          {t('sales.openQuote')}
        </Link>
      ) : o.stage === 'won' && props.onQuote && canWrite ? (
        <button type="button" className="btn btn-small" disabled={props.busy} onClick={props.onQuote} data-testid="opportunity-create-quote">
          {t('sales.createQuote')}
        </button>
      ) : null}
    </article>
  );
}
