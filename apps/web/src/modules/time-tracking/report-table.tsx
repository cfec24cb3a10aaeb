import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { isoWeek } from './week.ts';

type Summary = RouterOutputs['timeTracking']['summary'];

/** A readable row label: periods formatted here, "internal" / "no customer" for rows without a key. */
export function useRowLabel(groupBy: string) {
  const { t, lang, formatDate } = useI18n();
  const month = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (row: { key: string | null; label: string }) => {
    if (row.key === null) return groupBy === 'customer' ? t('report.noCustomer') : groupBy === 'project' ? t('time.internal') : row.label;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.key)) return row.label;
    if (groupBy === 'day') return formatDate(row.key);
    if (groupBy === 'week') return t('report.weekLabel', { week: isoWeek(row.key), date: formatDate(row.key) });
    if (groupBy === 'month') return month.format(new Date(`${row.key.slice(0, 7)}-01T00:00:00Z`));
    return row.label;
  };
}

export function ReportTable({ summary, groupBy }: { summary: Summary; groupBy: string }) {
  const { t, tOr, formatHours, formatMoney, formatNumber } = useI18n();
  const label = useRowLabel(groupBy);
  const totals = summary.totals;
  return (
    <div className="card card-flush">
      <div className="table-wrap">
        <table className="table" data-testid="report-table">
          <thead>
            <tr>
              <th>{tOr(`groupBy.${groupBy}`, groupBy)}</th>
              <th className="num">{t('report.totalHours')}</th>
              <th className="num">{t('report.billableHours')}</th>
              <th className="num">{t('report.nonBillableHours')}</th>
              <th className="num">{t('report.amount')}</th>
              <th className="num">{t('report.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.rows.map((r, i) => (
              <tr key={r.key ?? `none-${i}`} data-testid="report-row">
                <td>{label(r)}</td>
                <td className="num mono">{formatHours(r.totalMinutes)}</td>
                <td className="num mono">{formatHours(r.billableMinutes)}</td>
                <td className="num mono">{formatHours(r.nonBillableMinutes)}</td>
                <td className="num nowrap">{formatMoney(r.billableAmount)}</td>
                <td className="num">{formatNumber(r.entryCount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="totals-row" data-testid="report-totals">
              <th scope="row">{t('report.total')}</th>
              <td className="num mono">{formatHours(totals.totalMinutes)}</td>
              <td className="num mono">{formatHours(totals.billableMinutes)}</td>
              <td className="num mono">{formatHours(totals.nonBillableMinutes)}</td>
              <td className="num nowrap">{formatMoney(totals.billableAmount)}</td>
              <td className="num">{formatNumber(totals.entryCount)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {summary.roundingMinutes ? <p className="muted small table-note">{t('report.roundingNote', { minutes: summary.roundingMinutes })}</p> : null}
    </div>
  );
}
