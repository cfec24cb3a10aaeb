import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';

/** `/bookkeeping/periods`: lock months for good (Festschreibung) and close the fiscal year. */
export function PeriodsPage() {
  const { t, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(Number(berlinDay().slice(0, 4)) - 1);
  const [locking, setLocking] = useState<number | null>(null);
  const [closing, setClosing] = useState(false);
  const valid = year >= 2000 && year <= 2100;
  const list = useQuery({ ...trpc.bookkeeping.periods.list.queryOptions({ year }), enabled: valid });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.bookkeeping.periods.list.queryKey({ year }) });
  const lock = useMutation(trpc.bookkeeping.periods.lock.mutationOptions({ onSuccess: () => (setLocking(null), void refresh()) }));
  const close = useMutation(trpc.bookkeeping.years.close.mutationOptions({ onSuccess: () => (setClosing(false), void refresh()) }));
  const pad = (m: number) => String(m).padStart(2, '0');
  const manage = can('bookkeeping.manage');
  return (
    <>
      <PageHeader title={t('bk.periods')}>
        <span className="muted small">{t('bk.periodsHint')}</span>
      </PageHeader>
      <Card testId="bk-periods">
        <div className="form-grid">
          <TextField name="year" type="number" label={t('bk.year')} value={String(year)} onChange={(v) => setYear(Number(v))} testId="bk-periods-year" />
        </div>
        <ErrorAlert error={list.error ?? lock.error ?? close.error} />
        {close.data ? <p data-testid="bk-close-result">{t('bk.yearClosedResult', { entries: close.data.openingEntries, result: formatMoney(close.data.result) })}</p> : null}
        {list.data ? (
          <table className="table">
            <tbody>
              {list.data.months.map((m) => (
                <tr key={m.month} data-testid="bk-period-row">
                  <td>{`${list.data.year}-${pad(m.month)}`}</td>
                  <td>{m.lockedAt ? t('bk.locked', { date: formatDate(m.lockedAt) }) : t('bk.open')}</td>
                  <td>
                    {!m.lockedAt && manage ? (
                      <button type="button" className="btn btn-small" onClick={() => setLocking(m.month)} data-testid={`bk-lock-${m.month}`}>
                        {t('bk.lock')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {list.data ? (
          <p>
            {list.data.closedAt ? (
              t('bk.yearClosed', { date: formatDate(list.data.closedAt) })
            ) : manage ? (
              <button type="button" className="btn btn-primary" disabled={list.data.months.some((m) => !m.lockedAt)} onClick={() => setClosing(true)} data-testid="bk-close-year">
                {t('bk.closeYear')}
              </button>
            ) : null}
          </p>
        ) : null}
      </Card>
      {locking !== null ? (
        <ConfirmDialog title={t('bk.lock')} confirmLabel={t('bk.lock')} danger pending={lock.isPending} onConfirm={() => lock.mutate({ year, month: locking })} onClose={() => setLocking(null)}>
          {t('bk.lockConfirm', { period: `${year}-${pad(locking)}` })}
        </ConfirmDialog>
      ) : null}
      {closing ? (
        <ConfirmDialog title={t('bk.closeYear')} confirmLabel={t('bk.closeYear')} danger pending={close.isPending} onConfirm={() => close.mutate({ year })} onClose={() => setClosing(false)}>
          {t('bk.closeYearConfirm', { year, next: year + 1 })}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
