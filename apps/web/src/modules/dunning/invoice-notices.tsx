import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card } from '../../ui/page.tsx';
import { NoticeTable } from './notice-table.tsx';

/** The invoice page's "Mahnungen" card: every notice of this invoice (for people with dunning.read). */
export function InvoiceNotices({ invoiceId }: { invoiceId: string }) {
  const can = useCan();
  if (!can('dunning.read')) return null;
  return <InvoiceNoticesCard invoiceId={invoiceId} />;
}

function InvoiceNoticesCard({ invoiceId }: { invoiceId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [error, setError] = useState<unknown>(null);
  const notices = useQuery(trpc.dunning.notices.list.queryOptions({ invoiceId, page: 1, pageSize: 50 }));
  if (!notices.data?.items.length && !notices.error) return null;
  return (
    <Card title={t('dunning.invoiceNotices')} testId="invoice-dunning">
      <ErrorAlert error={notices.error ?? error} />
      {notices.data ? <NoticeTable notices={notices.data.items} showInvoice={false} onError={setError} /> : null}
    </Card>
  );
}
