import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';

/** The imported statement files, newest first, with how many bookings each added or skipped and whether it adds up. */
export function StatementsCard() {
  const { t, formatDate, formatDateTime, formatMoney } = useI18n();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({ ...trpc.banking.statements.list.queryOptions({ page, pageSize: 10 }), placeholderData: keepPreviousData });
  return (
    <>
      <h2 className="section-title">{t('banking.statements')}</h2>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('banking.noStatements')} testId="bank-statements">
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('banking.importedAt')}</th>
                  <th>{t('banking.file')}</th>
                  <th>{t('banking.account')}</th>
                  <th>{t('banking.period')}</th>
                  <th className="num">{t('banking.closingBalance')}</th>
                  <th>{t('banking.balanceCheck')}</th>
                  <th className="num">{t('banking.newSkipped')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id} data-testid="bank-statement">
                    <td>{formatDateTime(s.createdAt)}</td>
                    <td>
                      <div>{s.fileName}</div>
                      <div className="muted small">{s.format}</div>
                    </td>
                    <td className="small">{s.accountIban}</td>
                    <td>{s.firstBookingDate ? `${formatDate(s.firstBookingDate)} – ${formatDate(s.lastBookingDate)}` : t('common.none')}</td>
                    <td className="num">{s.closingBalance === null ? t('common.none') : formatMoney(s.closingBalance)}</td>
                    <td data-testid="bank-statement-balance">
                      {s.balanceDifference === null ? (
                        t('common.none')
                      ) : s.balanceDifference === '0.00' ? (
                        <Badge tone="success">{t('banking.balanceOk')}</Badge>
                      ) : (
                        <Badge tone="warning">{t('banking.balanceOff', { amount: formatMoney(s.balanceDifference) })}</Badge>
                      )}
                    </td>
                    <td className="num">
                      {s.importedCount} / {s.skippedCount}
                    </td>
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
