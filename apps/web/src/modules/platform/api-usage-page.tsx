import { useQuery } from '@tanstack/react-query';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card, Empty, PageHeader } from '../../ui/page.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `/admin/api-usage`: calls per API token over a period, and per procedure and status for one token. */
export function ApiUsagePage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const trpc = useTRPC();
  const today = berlinDay();
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const [tokenId, setTokenId] = useState<string | null>(null);
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const usage = useQuery({ ...trpc.platform.apiUsage.list.queryOptions({ from, to, ...(tokenId ? { tokenId } : {}) }), enabled: valid });
  const tokens = usage.data?.tokens ?? [];
  return (
    <>
      <PageHeader title={t('ops.apiUsage')}>
        <span className="muted small">{t('ops.apiUsageHint')}</span>
      </PageHeader>
      <Card testId="ops-usage">
        <div className="form-grid">
          <TextField name="from" type="date" label={t('ops.from')} value={from} onChange={setFrom} testId="ops-usage-from" />
          <TextField name="to" type="date" label={t('ops.to')} value={to} onChange={setTo} testId="ops-usage-to" />
        </div>
        <ErrorAlert error={usage.error} />
        {usage.data && !tokens.length ? <Empty>{t('ops.noUsage')}</Empty> : null}
        {tokens.length ? (
          <table className="table">
            <thead>
              <tr>
                <th>{t('ops.token')}</th>
                <th>{t('ops.owner')}</th>
                <th className="num">{t('ops.calls')}</th>
                <th className="num">{t('ops.errors')}</th>
                <th className="num">{t('ops.avgMs')}</th>
                <th className="num">{t('ops.maxMs')}</th>
                <th>{t('ops.lastAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((row) => (
                <tr key={row.tokenId} data-testid="ops-usage-token">
                  <td>
                    {row.tokenName} <span className="muted small">{row.prefix}…</span> {row.revoked ? <span className="badge">{t('ops.revoked')}</span> : null}
                  </td>
                  <td>{row.ownerName}</td>
                  <td className="num">{formatNumber(row.calls)}</td>
                  <td className="num">{formatNumber(row.errors)}</td>
                  <td className="num">{formatNumber(row.avgMs)}</td>
                  <td className="num">{formatNumber(row.maxMs)}</td>
                  <td>{formatDateTime(row.lastAt)}</td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => setTokenId(tokenId === row.tokenId ? null : row.tokenId)} data-testid="ops-usage-procedures">
                      {tokenId === row.tokenId ? t('ops.allTokens') : t('ops.showProcedures')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
      {usage.data?.procedures.length ? (
        <Card title={t('ops.showProcedures')} testId="ops-usage-by-procedure">
          <table className="table">
            <thead>
              <tr>
                <th>{t('ops.procedure')}</th>
                <th className="num">{t('ops.status')}</th>
                <th className="num">{t('ops.calls')}</th>
                <th className="num">{t('ops.avgMs')}</th>
                <th className="num">{t('ops.maxMs')}</th>
                <th>{t('ops.lastAt')}</th>
              </tr>
            </thead>
            <tbody>
              {usage.data.procedures.map((p) => (
                <tr key={`${p.tokenId}|${p.procedure}|${p.status}`}>
                  <td>
                    <code>{p.procedure}</code>
                  </td>
                  <td className="num">{p.status}</td>
                  <td className="num">{formatNumber(p.calls)}</td>
                  <td className="num">{formatNumber(p.avgMs)}</td>
                  <td className="num">{formatNumber(p.maxMs)}</td>
                  <td>{formatDateTime(p.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}
