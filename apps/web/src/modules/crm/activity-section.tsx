import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useT } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { ActivityForm } from './activity-form.tsx';
import { Timeline } from './timeline.tsx';

export function ActivitySection({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const history = useQuery(trpc.crm.customers.history.queryOptions({ id: customerId, limit: 100 }));
  const remove = useMutation(
    trpc.crm.activities.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() }) }),
  );
  const canDelete = can('crm.write') && !readOnly; // the API guards activity deletion with crm.write
  return (
    <Card title={t('activity.sectionTitle')} testId="activity-section">
      {can('crm.write') && !readOnly ? <ActivityForm customerId={customerId} /> : null}
      <ErrorAlert error={history.error ?? remove.error} onRetry={history.error ? () => void history.refetch() : undefined} />
      {history.isPending ? (
        <Loading />
      ) : history.data ? (
        <Timeline
          entries={history.data}
          onDeleteActivity={canDelete ? (id, title) => window.confirm(t('activity.confirmDelete', { subject: title })) && remove.mutate({ id }) : undefined}
          deleting={remove.isPending}
        />
      ) : null}
    </Card>
  );
}
