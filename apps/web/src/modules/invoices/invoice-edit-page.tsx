import { useQuery } from '@tanstack/react-query';
import type { InvoiceType } from '@workmate/domain/enums';
import { Link, useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { InvoiceForm } from './invoice-form.tsx';

/** `/invoices/new?type=invoice|quote[&customerId=…][&projectId=…]` (id null) or `/invoices/:id/edit` (drafts only). */
export function InvoiceEditPage({ id }: { id: string | null }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const invoice = useQuery({ ...trpc.invoices.get.queryOptions({ id: id ?? '' }), enabled: id !== null });

  if (id === null) {
    const type: InvoiceType = params.get('type') === 'quote' ? 'quote' : 'invoice';
    const list = type === 'quote' ? '/invoices/quotes' : '/invoices/list';
    return (
      <>
        <p className="breadcrumb">
          <Link href={list}>‹ {type === 'quote' ? t('invoice.quotesTitle') : t('invoice.listTitle')}</Link>
        </p>
        <PageHeader title={type === 'quote' ? t('invoice.newQuote') : t('invoice.newInvoice')} />
        <InvoiceForm
          // A different preset in the address is a different new document.
          key={params.toString()}
          preset={{ type, customerId: params.get('customerId') ?? '', projectId: params.get('projectId') ?? '' }}
          onSaved={(saved) => navigate(`/invoices/${saved.id}`)}
          onCancel={() => navigate(list)}
        />
      </>
    );
  }
  const back = (
    <p className="breadcrumb">
      <Link href={`/invoices/${id}`}>‹ {invoice.data ? (invoice.data.number ?? tOr(`invoiceType.${invoice.data.type}`, invoice.data.type)) : t('invoice.listTitle')}</Link>
    </p>
  );
  if (invoice.isPending) return <Loading />;
  if (!invoice.data) {
    return (
      <>
        {back}
        <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} />
      </>
    );
  }
  const inv = invoice.data;
  return (
    <>
      {back}
      <PageHeader title={t('invoice.editTitle', { type: tOr(`invoiceType.${inv.type}`, inv.type) })}>
        <span className="muted">{inv.customer.name}</span>
      </PageHeader>
      {inv.status !== 'draft' ? (
        <Alert kind="warning" testId="not-a-draft">
          {t('invoice.notEditable')} <Link href={`/invoices/${inv.id}`}>{t('invoice.toDocument')}</Link>
        </Alert>
      ) : (
        <InvoiceForm key={inv.version} invoice={inv} onSaved={() => navigate(`/invoices/${inv.id}`)} onCancel={() => navigate(`/invoices/${inv.id}`)} />
      )}
    </>
  );
}
