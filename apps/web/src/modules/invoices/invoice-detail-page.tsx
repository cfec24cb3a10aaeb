import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { InvoiceNotices } from '../dunning/invoice-notices.tsx';
import { ReminderQuickAdd } from '../reminders/reminder-quick-add.tsx';
import { DocumentChain } from './document-chain.tsx';
import { FinalDeductions } from './final-deductions.tsx';
import { FinalizeProblems } from './finalize-problems.tsx';
import { InvoiceActions } from './invoice-actions.tsx';
import { InvoiceFacts } from './invoice-facts.tsx';
import { InvoiceHistory } from './invoice-history.tsx';
import { InvoiceLinesTable } from './invoice-lines-table.tsx';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';
import { PaymentsSection } from './payments-section.tsx';
import { EInvoiceDownloads } from './einvoice-downloads.tsx';
import { PdfPreview } from './pdf-preview.tsx';
import { QuoteDeposits } from './quote-deposits.tsx';
import { SendEmailButton } from './send-email-dialog.tsx';
import { TotalsTable } from './totals-table.tsx';
import { isPositive } from './invoice-options.ts';

/** `/invoices/:id`: the document, its totals, PDF, payments, related documents and history, with the actions its status allows. */
export function InvoiceDetailPage({ id }: { id: string }) {
  const { t, tOr, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const invoice = useQuery(trpc.invoices.get.queryOptions({ id }));
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<ReactNode>(null);

  const listHref = invoice.data?.type === 'quote' ? '/invoices/quotes' : '/invoices/list';
  const back = (
    <p className="breadcrumb">
      <Link href={listHref}>‹ {invoice.data?.type === 'quote' ? t('invoice.quotesTitle') : t('invoice.listTitle')}</Link>
    </p>
  );
  if (invoice.isPending) return <Loading />;
  if (invoice.isError || !invoice.data) {
    return (
      <>
        {back}
        <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} />
      </>
    );
  }
  const inv = invoice.data;
  const isInvoice = inv.type === 'invoice';
  const problems = actionError ? <FinalizeProblems error={actionError} invoice={inv} /> : null;

  return (
    <>
      {back}
      <PageHeader
        title={
          <>
            <span data-testid="invoice-type">{inv.kind !== 'standard' ? tOr(`invoiceKind.${inv.kind}`, inv.kind) : tOr(`invoiceType.${inv.type}`, inv.type)}</span>{' '}
            <span className="mono muted title-number" data-testid="invoice-number">
              {inv.number ?? ''}
            </span>
            {inv.number ? null : <span className="muted title-number">{t('invoice.noNumberYet')}</span>}
          </>
        }
        actions={
          <>
            <ReminderQuickAdd entity="invoice" entityId={inv.id} />
            <InvoiceActions invoice={inv} onError={setActionError} onNotice={setNotice} />
            <SendEmailButton invoice={inv} onNotice={setNotice} />
          </>
        }
      >
        <InvoiceStatusBadge status={inv.status} testId="invoice-status" />
        {can('crm.read') ? (
          <Link href={`/crm/customers/${inv.customer.id}`} data-testid="invoice-customer">
            {inv.customer.name}
          </Link>
        ) : (
          <span className="muted">{inv.customer.name}</span>
        )}
        {inv.project ? (
          can('projects.read') ? (
            <Link href={`/projects/${inv.project.id}`} className="small" data-testid="invoice-project">
              {`${inv.project.projectNumber} · ${inv.project.title}`}
            </Link>
          ) : (
            <span className="muted small">{`${inv.project.projectNumber} · ${inv.project.title}`}</span>
          )
        ) : null}
      </PageHeader>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {problems}
      {actionError && !problems ? <ErrorAlert error={actionError} /> : null}
      {inv.status === 'cancelled' && inv.cancellationReason ? (
        <Alert kind="info">
          <span>
            {t('invoice.cancellationReason')}: <span className="pre-wrap">{inv.cancellationReason}</span>
          </span>
        </Alert>
      ) : null}
      <InvoiceFacts invoice={inv} />
      <FinalDeductions invoice={inv} />
      <Card title={t('invoice.sectionLines')} testId="invoice-positions">
        <InvoiceLinesTable invoice={inv} />
        <TotalsTable totals={inv} taxCase={inv.taxCase} grossTestId="invoice-gross">
          {isInvoice && inv.status !== 'draft' ? (
            <>
              {isPositive(inv.creditedAmount) ? (
                <tr>
                  <th scope="row">{t('invoice.credited')}</th>
                  <td className="num nowrap" data-testid="invoice-credited" data-amount={inv.creditedAmount}>
                    {formatMoney(`-${inv.creditedAmount}`)}
                  </td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{t('invoice.paid')}</th>
                <td className="num nowrap" data-testid="invoice-paid" data-amount={inv.paidAmount}>
                  {formatMoney(inv.paidAmount)}
                </td>
              </tr>
              <tr className="totals-outstanding">
                <th scope="row">{t('invoice.outstanding')}</th>
                <td className="num nowrap" data-testid="invoice-outstanding" data-amount={inv.outstandingAmount}>
                  {formatMoney(inv.outstandingAmount)}
                </td>
              </tr>
            </>
          ) : null}
        </TotalsTable>
      </Card>
      {isInvoice && inv.status !== 'draft' ? <PaymentsSection invoice={inv} /> : null}
      {isInvoice && inv.status !== 'draft' ? <InvoiceNotices invoiceId={inv.id} /> : null}
      <DocumentChain invoice={inv} />
      <QuoteDeposits invoice={inv} />
      <PdfPreview invoice={inv} />
      <EInvoiceDownloads invoice={inv} />
      <InvoiceTexts introText={inv.introText} paymentTerms={inv.paymentTerms} footerText={inv.footerText} notes={inv.notes} />
      <InvoiceHistory invoice={inv} />
    </>
  );
}

function InvoiceTexts(texts: { introText: string | null; paymentTerms: string | null; footerText: string | null; notes: string | null }) {
  const { t } = useI18n();
  const shown = (['introText', 'paymentTerms', 'footerText', 'notes'] as const).filter((k) => texts[k]);
  if (!shown.length) return null;
  return (
    <Card title={t('invoice.sectionTexts')} testId="invoice-texts">
      {shown.map((k, i) => (
        <div key={k} className={i ? 'notes' : undefined}>
          <h3>{t(`invoice.${k}`)}</h3>
          <p className="pre-wrap">{texts[k]}</p>
        </div>
      ))}
    </Card>
  );
}
