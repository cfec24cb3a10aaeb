import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { readMoney } from '../../lib/number-input.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';

/** `/bookkeeping/cost-centres`: each cost centre's budget for a year and what it consumed (from the journal). */
export function CostCentresPage() {
  const { t, lang, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(Number(berlinDay().slice(0, 4)));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const valid = year >= 2000 && year <= 2100;
  const list = useQuery({ ...trpc.bookkeeping.costCentres.list.queryOptions({ year }), enabled: valid });
  const save = useMutation(
    trpc.bookkeeping.costCentres.budget.mutationOptions({
      onSuccess: (c) => {
        setDrafts(({ [c.id]: _, ...rest }) => rest);
        void queryClient.invalidateQueries({ queryKey: trpc.bookkeeping.costCentres.list.queryKey() });
      },
    }),
  );
  const manage = can('bookkeeping.manage');
  const submit = (id: string) => {
    const text = drafts[id] ?? '';
    if (text.trim() === '') return save.mutate({ costCentreId: id, year, amount: null });
    const read = readMoney(text, lang);
    if (!read.ok) return setUnreadable(id);
    setUnreadable(null);
    save.mutate({ costCentreId: id, year, amount: read.value });
  };
  return (
    <>
      <PageHeader title={t('bk.costCentres')}>
        <span className="muted small">{t('bk.costCentresHint')}</span>
      </PageHeader>
      <Card testId="bk-cost-centres">
        <div className="form-grid">
          <TextField name="year" type="number" label={t('bk.year')} value={String(year)} onChange={(v) => setYear(Number(v))} testId="bk-cc-year" />
        </div>
        <ErrorAlert error={list.error ?? save.error} />
        {list.data && list.data.length === 0 ? <p className="muted">{t('bk.noCostCentres')}</p> : null}
        {list.data && list.data.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th>{t('bk.costCentre')}</th>
                <th>{t('bk.accountName')}</th>
                <th className="num">{t('bk.budget')}</th>
                <th className="num">{t('bk.consumed')}</th>
                <th className="num">{t('bk.remaining')}</th>
                {manage ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id} data-testid="bk-cc-row" data-code={c.code} data-consumed={c.consumed} data-budget={c.budget ?? ''}>
                  <td>{c.code}</td>
                  <td>{c.name}</td>
                  <td className="num">
                    {manage ? (
                      <TextField
                        name={`budget-${c.id}`}
                        label={t('bk.budget')}
                        inputMode="decimal"
                        value={drafts[c.id] ?? (c.budget ? c.budget.replace('.', lang === 'de' ? ',' : '.') : '')}
                        onChange={(v) => setDrafts((d) => ({ ...d, [c.id]: v }))}
                        error={unreadable === c.id ? [t('bk.unreadableAmount')] : undefined}
                        testId="bk-cc-budget"
                      />
                    ) : c.budget ? (
                      formatMoney(c.budget)
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="num">{formatMoney(c.consumed)}</td>
                  <td className="num">{c.remaining === null ? '—' : formatMoney(c.remaining)}</td>
                  {manage ? (
                    <td>
                      <button type="button" className="btn btn-small" disabled={save.isPending || drafts[c.id] === undefined} onClick={() => submit(c.id)} data-testid="bk-cc-save">
                        {t('bk.saveBudget')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
    </>
  );
}
