import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsentStatus } from '@workmate/domain/campaigns';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';

const TONES: Record<ConsentStatus, string> = { pending: 'warning', confirmed: 'success', unsubscribed: 'danger' };

/** The marketing consent of an address as a badge (none: never asked). */
export function ConsentBadge({ status, testId = 'consent-status' }: { status: ConsentStatus | null; testId?: string }) {
  const { t } = useI18n();
  return (
    <Badge tone={status ? TONES[status] : 'neutral'} testId={testId}>
      {t(status ? `consent.${status}` : 'consent.none')}
    </Badge>
  );
}

/**
 * The consent of one contact (on the customer's contact list): its state, the proof of a
 * confirmation, and — with campaigns.write — the double opt-in request.
 */
export function ContactConsent({ contactId }: { contactId: string }) {
  const { t, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const consent = useQuery(trpc.campaigns.consent.get.queryOptions({ contactId }));
  const request = useMutation(trpc.campaigns.consent.request.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() }) }));
  if (!consent.data?.email) return null;
  const c = consent.data;
  return (
    <div className="small" data-testid="contact-consent">
      {t('campaign.consent')}: <ConsentBadge status={c.status} />
      {c.status === 'confirmed' && c.confirmedAt ? <span className="muted"> {t('consent.confirmedAt', { time: formatDateTime(c.confirmedAt), ip: c.confirmedIp ?? '—' })}</span> : null}
      {can('campaigns.write') && c.status !== 'confirmed' ? (
        <>
          {' '}
          <button type="button" className="btn btn-small" disabled={request.isPending} onClick={() => request.mutate({ contactId })} data-testid="request-consent">
            {c.status ? t('consent.requestAgain') : t('consent.request')}
          </button>
        </>
      ) : null}
      {request.isSuccess ? <span className="muted" role="status"> {t('consent.requested', { email: c.email ?? '' })}</span> : null}
      <ErrorAlert error={request.error} />
    </div>
  );
}
