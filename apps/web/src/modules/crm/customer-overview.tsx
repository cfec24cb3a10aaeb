import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Kpi } from '../../ui/kpi.tsx';
import { Card } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { InvoiceStatusBadge } from '../invoices/invoice-status-badge.tsx';
import { PROJECT_STATUS_TONES } from '../projects/project-options.ts';

/**
 * The customer's business at a glance: open balance and revenue, invoices, projects (active
 * first) and documents. The server leaves out what the signed-in person may not see (money
 * without invoices.read, projects without projects.read), and so does this page.
 */
export function CustomerOverview({ customerId }: { customerId: string }) {
  const { t, tOr, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const overview = useQuery(trpc.crm.customers.overview.queryOptions({ id: customerId }));
  const documents = useQuery({
    ...trpc.documents.list.queryOptions({ entity: 'customer', entityId: customerId, page: 1, pageSize: 20, sort: 'createdAt', direction: 'desc' }),
    enabled: can('documents.read'),
  });
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  const finance = data?.finance ?? null;
  const projects = data?.projects ?? null;

  return (
    <>
      {finance ? (
        <>
          <div className="kpi-grid customer-kpis" data-testid="customer-kpis">
            <Kpi label={t('customerOverview.openBalance')} value={formatMoney(finance.openBalance)} testId="customer-open-balance" />
            <Kpi label={t('customerOverview.revenueThisYear')} value={formatMoney(finance.revenueThisYear)} testId="customer-revenue-year" />
            <Kpi label={t('customerOverview.revenueTotal')} value={formatMoney(finance.revenueTotal)} testId="customer-revenue-total" />
          </div>
          <p className="muted small">{t('customerOverview.revenueHint')}</p>
          <Card title={`${t('customerOverview.invoices')} (${finance.invoiceCount})`} testId="customer-invoices">
            {finance.invoices.length ? (
              <div className="table-wrap">
                <table className="table table-compact">
                  <thead>
                    <tr>
                      <th>{t('customerOverview.number')}</th>
                      <th>{t('customerOverview.date')}</th>
                      <th className="num">{t('customerOverview.total')}</th>
                      <th>{t('customerOverview.status')}</th>
                      <th className="num">{t('customerOverview.open')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {finance.invoices.map((i) => (
                      <tr key={i.id} data-testid="customer-invoice-row" data-id={i.id}>
                        <td className="nowrap">
                          <Link href={`/invoices/${i.id}`}>{i.number ?? t('customerOverview.draft')}</Link>
                          {i.type === 'cancellation' ? <span className="muted small"> · {tOr('invoiceType.cancellation', i.type)}</span> : null}
                        </td>
                        <td className="nowrap">{formatDate(i.issueDate)}</td>
                        <td className="num nowrap">{formatMoney(i.grossTotal)}</td>
                        <td>
                          <InvoiceStatusBadge status={i.status} />
                        </td>
                        <td className="num nowrap" data-testid="customer-invoice-open">
                          {i.openAmount === '0.00' ? <span className="muted">—</span> : formatMoney(i.openAmount)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted overview-empty">{t('customerOverview.noInvoices')}</p>
            )}
          </Card>
        </>
      ) : null}
      {projects ? (
        <Card title={`${t('customerOverview.projects')} (${projects.length})`} testId="customer-projects">
          {projects.length ? (
            <ul className="plain-list customer-projects">
              {projects.map((p) => (
                <li key={p.id} data-testid="customer-project" data-status={p.status}>
                  <Link href={`/projects/${p.id}`}>
                    <span className="mono muted">{p.projectNumber}</span> {p.title}
                  </Link>{' '}
                  <Badge tone={PROJECT_STATUS_TONES[p.status]}>{tOr(`projectStatus.${p.status}`, p.status)}</Badge>
                  {p.deadline ? <span className="muted small"> · {t('customerOverview.deadline', { date: formatDate(p.deadline) })}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted overview-empty">{t('customerOverview.noProjects')}</p>
          )}
        </Card>
      ) : null}
      {can('documents.read') ? (
        <Card title={t('customerOverview.documents')} testId="customer-documents">
          {documents.data?.items.length ? (
            <ul className="plain-list">
              {documents.data.items.map((d) => (
                <li key={d.id} data-testid="customer-document">
                  <a href={d.downloadUrl}>{d.title ?? d.fileName}</a> <span className="muted small">· {formatDate(d.createdAt)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted overview-empty">{documents.isPending ? t('app.loading') : t('customerOverview.noDocuments')}</p>
          )}
        </Card>
      ) : null}
    </>
  );
}
