import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { ForecastInput } from '@workmate/domain/schemas/sales';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';

function addMonths(month: string, n: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** `/sales/forecast`: the weighted pipeline per month of expected close, exact sums from the server. */
export function ForecastPage() {
  const { t, formatMoney, formatNumber, lang } = useI18n();
  const trpc = useTRPC();
  const thisMonth = berlinDay().slice(0, 7);
  const [from, setFrom] = useState(thisMonth);
  const [to, setTo] = useState(addMonths(thisMonth, 5));
  const input = ForecastInput.safeParse({ from, to });
  const query = useQuery({ ...trpc.sales.forecast.queryOptions(input.success ? input.data : { from: thisMonth, to: thisMonth }), enabled: input.success, placeholderData: keepPreviousData });
  const monthName = (m: string) => new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  // Four places of the weighted sum are exact; shown rounded to cents (from the string, never a float).
  const money4 = (v: string) => {
    const [whole = '0', fraction = ''] = v.split('.');
    const tenThousandths = BigInt(whole) * 10000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
    const cents = (tenThousandths + 50n) / 100n;
    return formatMoney(`${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`);
  };
  return (
    <>
      <PageHeader title={t('forecast.title')} />
      <div className="filter-bar">
        <label>
          {t('forecast.from')} <input type="month" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="forecast-from" />
        </label>
        <label>
          {t('forecast.to')} <input type="month" value={to} onChange={(e) => setTo(e.target.value)} data-testid="forecast-to" />
        </label>
      </div>
      <p className="muted small">{t('forecast.explain')}</p>
      <ErrorAlert error={query.error} />
      {!query.data ? (
        <Loading />
      ) : (
        <Card testId="forecast-card">
          <table className="table" data-testid="forecast-table">
            <thead>
              <tr>
                <th>{t('forecast.month')}</th>
                <th className="num">{t('forecast.count')}</th>
                <th className="num">{t('forecast.amount')}</th>
                <th className="num">{t('forecast.weighted')}</th>
                <th className="num">{t('forecast.won')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.months.map((m) => (
                <tr key={m.month} data-testid="forecast-row">
                  <td>{monthName(m.month)}</td>
                  <td className="num">{formatNumber(m.count)}</td>
                  <td className="num">{formatMoney(m.amount)}</td>
                  <td className="num" data-testid="forecast-weighted">{money4(m.weighted)}</td>
                  <td className="num">{formatMoney(m.wonAmount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>{t('forecast.total')}</th>
                <th className="num">{formatNumber(query.data.total.count)}</th>
                <th className="num">{formatMoney(query.data.total.amount)}</th>
                <th className="num" data-testid="forecast-total-weighted">{money4(query.data.total.weighted)}</th>
                <th className="num">{formatMoney(query.data.total.wonAmount)}</th>
              </tr>
            </tfoot>
          </table>
        </Card>
      )}
    </>
  );
}
