import { useQuery } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { Link, useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { RecurringForm } from './recurring-form.tsx';

/** `/invoices/recurring/new[?customerId=…]` (id null) or `/invoices/recurring/:id/edit`. */
export function RecurringEditPage({ id }: { id: string | null }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const template = useQuery({ ...trpc.invoices.recurring.get.queryOptions({ id: id ?? '' }), enabled: id !== null });

  if (id === null) {
    return (
      <>
        <p className="breadcrumb">
          <Link href="/invoices/recurring">‹ {t('recurring.title')}</Link>
        </p>
        <PageHeader title={t('recurring.new')} />
        <RecurringForm
          preset={{ customerId: params.get('customerId') ?? '', startDate: berlinDay() }}
          onSaved={(saved) => navigate(`/invoices/recurring/${saved.id}`)}
          onCancel={() => navigate('/invoices/recurring')}
        />
      </>
    );
  }
  const back = (
    <p className="breadcrumb">
      <Link href={`/invoices/recurring/${id}`}>‹ {template.data?.name ?? t('recurring.title')}</Link>
    </p>
  );
  if (template.isPending) return <Loading />;
  if (!template.data) {
    return (
      <>
        {back}
        <ErrorAlert error={template.error} onRetry={() => void template.refetch()} />
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader title={t('recurring.editTitle')}>
        <span className="muted">{template.data.name}</span>
      </PageHeader>
      <RecurringForm
        key={template.data.version}
        template={template.data}
        preset={{ customerId: '', startDate: template.data.startDate }}
        onSaved={() => navigate(`/invoices/recurring/${id}`)}
        onCancel={() => navigate(`/invoices/recurring/${id}`)}
      />
    </>
  );
}
