import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { toCents, fromCents } from '@workmate/domain/money';
import { Fragment, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';
import { ManualEntryForm } from './manual-entry-form.tsx';
import { OpenItemsCard } from './open-items-card.tsx';

const PAGE_SIZE = 50;

/**
 * `/finance/bookkeeping`: the journal of a fiscal year (automatic and manual entries) with each
 * entry's lines, a manual entry form, reversing a manual entry, and the open items.
 */
export function JournalPage() {
  const { t, formatMoney, formatDate } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(Number(berlinDay().slice(0, 4)));
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reversing, setReversing] = useState<string | null>(null);
  const valid = year >= 2000 && year <= 2100;
  const input = { year, page, pageSize: PAGE_SIZE, ...(search.trim() ? { search: search.trim() } : {}) };
  const list = useQuery({ ...trpc.bookkeeping.journal.list.queryOptions(input), enabled: valid });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.bookkeeping.journal.list.queryKey() });
  const reverse = useMutation(
    trpc.bookkeeping.journal.reverse.mutationOptions({
      onSuccess: (entry) => {
        setReversing(null);
        setOpenId(entry.id);
        void refresh();
        void queryClient.invalidateQueries({ queryKey: trpc.bookkeeping.openItems.list.queryKey() });
      },
    }),
  );
  const total = (lines: Array<{ debit: string }>) => fromCents(lines.reduce((s, l) => s + toCents(l.debit), 0n));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <PageHeader title={t('bk.journal')}>
        <span className="muted small">{t('bk.journalHint')}</span>
      </PageHeader>
      <Card testId="bk-journal">
        <div className="form-grid">
          <TextField name="year" type="number" label={t('bk.year')} value={String(year)} onChange={(v) => (setYear(Number(v)), setPage(1))} testId="bk-journal-year" />
          <TextField name="search" label={t('bk.search')} value={search} onChange={(v) => (setSearch(v), setPage(1))} testId="bk-journal-search" />
        </div>
        <ErrorAlert error={list.error ?? reverse.error} />
        {list.data && list.data.items.length === 0 ? <p className="muted">{t('bk.noPostings')}</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th>{t('bk.entryNumber')}</th>
                <th>{t('bk.entryDate')}</th>
                <th>{t('bk.documentNumber')}</th>
                <th>{t('bk.description')}</th>
                <th>{t('bk.source')}</th>
                <th className="num">{t('bk.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((e) => (
                <Fragment key={e.id}>
                  <tr data-testid="bk-journal-row" data-number={e.entryNumber} className="clickable" onClick={() => setOpenId(openId === e.id ? null : e.id)}>
                    <td>{e.entryNumber}</td>
                    <td>{formatDate(e.entryDate)}</td>
                    <td>{e.documentNumber ?? '—'}</td>
                    <td>
                      <button type="button" className="link-button" data-testid="bk-journal-open" aria-expanded={openId === e.id}>
                        {e.description}
                      </button>
                    </td>
                    <td>{e.sourceType ? t(`bk.source.${e.sourceType}` as 'bk.source.invoice') : e.reversesId ? t('bk.reversal') : t('bk.manual')}</td>
                    <td className="num">{formatMoney(total(e.lines))}</td>
                  </tr>
                  {openId === e.id ? (
                    <tr data-testid="bk-entry-detail">
                      <td colSpan={6}>
                        <table className="table">
                          <thead>
                            <tr>
                              <th>{t('bk.account')}</th>
                              <th>{t('bk.accountName')}</th>
                              <th>{t('bk.taxCode')}</th>
                              <th className="num">{t('bk.debit')}</th>
                              <th className="num">{t('bk.credit')}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {e.lines.map((l) => (
                              <tr key={l.lineNo} data-testid="bk-entry-detail-line">
                                <td>{l.accountNumber}</td>
                                <td>{l.accountName}</td>
                                <td>{l.taxCode ?? ''}</td>
                                <td className="num">{l.debit === '0.00' ? '' : formatMoney(l.debit)}</td>
                                <td className="num">{l.credit === '0.00' ? '' : formatMoney(l.credit)}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                        {e.reversedById ? <p className="muted small">{t('bk.isReversed')}</p> : null}
                        {!e.sourceId && !e.reversesId && !e.reversedById && can('bookkeeping.post') ? (
                          <button type="button" className="btn btn-small" onClick={() => setReversing(e.id)} data-testid="bk-reverse">
                            {t('bk.reverse')}
                          </button>
                        ) : null}
                        {e.sourceId ? <p className="muted small">{t('bk.automaticHint')}</p> : null}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        ) : null}
        {list.data && pages > 1 ? (
          <p>
            <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => setPage(page - 1)} data-testid="bk-journal-prev">
              ‹
            </button>{' '}
            {t('bk.page', { page, pages })}{' '}
            <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => setPage(page + 1)} data-testid="bk-journal-next">
              ›
            </button>
          </p>
        ) : null}
      </Card>
      {can('bookkeeping.post') ? (
        <ManualEntryForm
          onPosted={(id) => {
            setOpenId(id);
            void refresh();
          }}
        />
      ) : null}
      <OpenItemsCard />
      {reversing ? (
        <ConfirmDialog title={t('bk.reverse')} confirmLabel={t('bk.reverse')} danger pending={reverse.isPending} onConfirm={() => reverse.mutate({ id: reversing })} onClose={() => setReversing(null)}>
          {t('bk.reverseConfirm')}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
