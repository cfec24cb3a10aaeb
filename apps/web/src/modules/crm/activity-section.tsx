import { useQuery } from '@tanstack/react-query';
import { useT } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading } from '../../ui/page.tsx';
import { useCan } from '../auth/session.ts';
import { ActivityForm } from './activity-form.tsx';
import { Timeline } from './timeline.tsx';

export function ActivitySection({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const can = useCan();
  const history = useQuery(trpc.crm.customers.history.queryOptions({ id: customerId, limit: 100 }));
  return (
    <Card title={t('activity.sectionTitle')} testId="activity-section">
      {can('crm.write') && !readOnly ? <ActivityForm customerId={customerId} /> : null}
      <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      {history.isPending ? <Loading /> : history.data ? <Timeline entries={history.data} /> : null}
    </Card>
  );
}
