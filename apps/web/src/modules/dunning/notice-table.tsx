import { fromCents, toCents } from '@workmate/domain/money';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import type { DunningNotice } from './dunning-options.ts';
import { NoticeActions, NoticeStatusBadge } from './notice-actions.tsx';

/**
 * Notices as a table: the invoice and customer (unless shown on the invoice itself), the level
 * with the number once sent, the day, the amounts (outstanding, interest, fees, total), and the actions.
 */
export function NoticeTable({ notices, showInvoice, onError }: { notices: DunningNotice[]; showInvoice: boolean; onError: (error: unknown) => void }) {
  const { t, formatDate, formatMoney } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="dunning-table">
        <thead>
          <tr>
            {showInvoice ? <th>{t('dunning.invoice')}</th> : null}
            <th>{t('dunning.level')}</th>
            <th>{t('dunning.noticeDate')}</th>
            <th className="num">{t('dunning.outstanding')}</th>
            <th className="num">{t('dunning.interest')}</th>
            <th className="num">{t('dunning.fees')}</th>
            <th className="num">{t('dunning.total')}</th>
            <th>{t('dunning.status')}</th>
            <th>
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {notices.map((n) => (
            <tr key={n.id} data-testid="dunning-row" data-id={n.id} data-level={n.level}>
              {showInvoice ? (
                <td>
                  <Link href={`/invoices/${n.invoice.id}`}>{n.invoice.number}</Link>
                  <div className="muted small">{n.invoice.customerName}</div>
                </td>
              ) : null}
              <td>
                {n.title}
                <div className="muted small nowrap" data-testid="dunning-number">
                  {n.number ?? ''}
                </div>
              </td>
              <td className="nowrap">{formatDate(n.noticeDate)}</td>
              <td className="num nowrap">{formatMoney(n.outstanding)}</td>
              <td className="num nowrap" data-testid="dunning-interest">{formatMoney(n.interest)}</td>
              <td className="num nowrap" data-testid="dunning-fees" title={t('dunning.feesDetail', { level: formatMoney(n.levelFee), flat: formatMoney(n.flatFee) })}>
                {formatMoney(fromCents(toCents(n.levelFee) + toCents(n.flatFee)))}
              </td>
              <td className="num nowrap" data-testid="dunning-total">{formatMoney(n.total)}</td>
              <td className="nowrap">
                <NoticeStatusBadge notice={n} />
                {n.emailStatus ? <div className="muted small">{t(`dunning.email.${n.emailStatus}`)}</div> : null}
              </td>
              <td className="cell-actions">
                <NoticeActions notice={n} onError={onError} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

