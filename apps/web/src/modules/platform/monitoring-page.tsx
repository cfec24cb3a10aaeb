import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'completed'] as const;

/** `/admin/monitoring`: the worker's heartbeat, jobs per queue, and the way to the queue view (bull-board). */
export function MonitoringPage() {
  const { t, tOr, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.platform.monitoring.status.queryOptions(), refetchInterval: 10_000 });
  const data = status.data;
  return (
    <>
      <PageHeader title={t('ops.monitoring')}>
        <span className="muted small">{t('ops.monitoringHint')}</span>
      </PageHeader>
      <ErrorAlert error={status.error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          <Card title={t('ops.worker')} testId="ops-worker">
            <p data-testid="ops-worker-status" className={data.worker.ok ? '' : 'badge badge-danger'}>
              {data.worker.ok ? t('ops.workerOk', { at: formatDateTime(data.worker.lastHeartbeat) }) : t('ops.workerStale', { at: data.worker.lastHeartbeat ? formatDateTime(data.worker.lastHeartbeat) : t('ops.never') })}
            </p>
          </Card>
          <Card
            title={t('ops.queue')}
            testId="ops-queues"
            actions={
              // A page of its own, served by the API (not a route of this app): a full page load.
              <a className="btn" href={data.queueViewPath} target="_blank" rel="noopener" data-testid="ops-queue-view-link">
                {t('ops.openQueueView')}
              </a>
            }
          >
            <p className="muted small">{t('ops.queueViewHint')}</p>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('ops.queue')}</th>
                  {STATES.map((s) => (
                    <th key={s} className="num">
                      {tOr(`ops.state.${s}`, s)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.queues.map((q) => (
                  <tr key={q.name} data-testid="ops-queue-row">
                    <td>{q.name}</td>
                    {STATES.map((s) => (
                      <td key={s} className="num">
                        {q.counts[s] ?? 0}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {data.imap.length > 0 && (
            <Card title={t('ops.imap')} testId="ops-imap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('ops.imapMailbox')}</th>
                    <th>{t('ops.imapLastPoll')}</th>
                    <th>{t('ops.imapResult')}</th>
                    <th className="num">{t('ops.imapSkipped')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.imap.map((m) => (
                    <tr key={m.mailbox} data-testid="ops-imap-row">
                      <td>{m.mailbox}</td>
                      <td>{m.lastPollAt ? formatDateTime(m.lastPollAt) : t('ops.never')}</td>
                      <td>
                        {m.lastResult === 'failed' ? (
                          <span className="badge badge-danger">{t('ops.imapFailed', { error: m.lastError ?? '' })}</span>
                        ) : m.lastResult === 'ok' ? (
                          t('ops.imapOk', { created: m.lastSummary?.created ?? 0, threaded: m.lastSummary?.threaded ?? 0 })
                        ) : (
                          '–'
                        )}
                      </td>
                      <td className="num">{m.skipped}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
        </>
      )}
    </>
  );
}
