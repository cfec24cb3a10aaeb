import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WEBHOOK_EVENT_TYPES, WebhookSubscriptionCreateInput } from '@workmate/domain/webhooks';
import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { CheckboxField, TextField } from '../../ui/form-fields.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

type Subscription = RouterOutputs['platform']['webhooks']['list'][number];
type Delivery = RouterOutputs['platform']['webhooks']['deliveries']['items'][number];

const STATUS_TONE: Record<Delivery['status'], string> = { pending: 'neutral', retrying: 'warning', succeeded: 'success', failed: 'danger' };

/**
 * `/admin/webhooks` (issue 18): the subscriptions (target, event types, on/off, test event, new
 * secret), a form for a new one (its signing secret is shown once), and the delivery log with
 * status, response code, duration and attempts, where a delivery can be sent again.
 */
export function WebhooksPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subs = useQuery(trpc.platform.webhooks.list.queryOptions());
  const deliveries = useQuery(trpc.platform.webhooks.deliveries.queryOptions({ pageSize: 50 }));
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.platform.webhooks.list.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.platform.webhooks.deliveries.queryKey() });
  };
  const options = { onSuccess: refresh, onError: (e: unknown) => setFailure(e) };
  const update = useMutation(trpc.platform.webhooks.update.mutationOptions(options));
  const sendTest = useMutation(trpc.platform.webhooks.sendTest.mutationOptions({ ...options, onSuccess: async () => (setNotice(t('webhooks.testSent')), refresh()) }));
  const rotate = useMutation(trpc.platform.webhooks.rotateSecret.mutationOptions({ ...options, onSuccess: (r) => setNotice(t('webhooks.secretOnce', { secret: r.secret })) }));
  const redeliver = useMutation(trpc.platform.webhooks.redeliver.mutationOptions({ ...options, onSuccess: async () => (setNotice(t('webhooks.redelivered')), refresh()) }));
  const act = (fn: () => void) => () => {
    setFailure(null);
    setNotice(null);
    fn();
  };

  return (
    <>
      <PageHeader title={t('webhooks.title')}>
        <span className="muted small">{t('webhooks.hint')}</span>
      </PageHeader>
      {notice ? <Alert kind="success" testId="webhooks-notice">{notice}</Alert> : null}
      <ErrorAlert error={failure} testId="webhooks-error" />
      <Card title={t('webhooks.subscriptions')} testId="webhook-subscriptions">
        <ErrorAlert error={subs.error} onRetry={() => void subs.refetch()} />
        {subs.isPending ? <Loading /> : null}
        {subs.data?.length === 0 ? <Empty>{t('webhooks.empty')}</Empty> : null}
        {subs.data?.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('webhooks.name')}</th>
                  <th>{t('webhooks.url')}</th>
                  <th>{t('webhooks.eventTypes')}</th>
                  <th>{t('webhooks.status')}</th>
                  <th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {subs.data.map((s: Subscription) => (
                  <tr key={s.id} data-testid="webhook-row" data-id={s.id}>
                    <td>{s.name}</td>
                    <td className="small">{s.url}</td>
                    <td className="small">{s.eventTypes.join(', ')}</td>
                    <td>
                      <Badge tone={s.active ? 'success' : 'neutral'} testId="webhook-status">{s.active ? t('webhooks.statusActive') : t('webhooks.statusDisabled')}</Badge>
                      {s.disabledReason ? <div className="muted small">{t('webhooks.disabledReason', { reason: s.disabledReason })}</div> : null}
                    </td>
                    <td className="actions">
                      <button type="button" className="btn btn-small" data-testid="webhook-test" disabled={!s.active} onClick={act(() => sendTest.mutate({ id: s.id }))}>
                        {t('webhooks.sendTest')}
                      </button>
                      <button type="button" className="btn btn-small" data-testid="webhook-toggle" onClick={act(() => update.mutate({ id: s.id, version: s.version, active: !s.active }))}>
                        {s.active ? t('webhooks.deactivate') : t('webhooks.activate')}
                      </button>
                      <button type="button" className="btn btn-small" data-testid="webhook-rotate" onClick={act(() => rotate.mutate({ id: s.id }))}>
                        {t('webhooks.rotate')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      <NewSubscription onCreated={async (secret) => (setNotice(t('webhooks.secretOnce', { secret })), refresh())} />
      <Card title={t('webhooks.deliveries')} testId="webhook-deliveries">
        <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />
        {deliveries.data?.items.length === 0 ? <Empty>{t('webhooks.deliveriesEmpty')}</Empty> : null}
        {deliveries.data?.items.length ? <DeliveryTable items={deliveries.data.items} onRedeliver={(id) => act(() => redeliver.mutate({ deliveryId: id }))()} /> : null}
      </Card>
    </>
  );
}

function DeliveryTable({ items, onRedeliver }: { items: Delivery[]; onRedeliver: (id: string) => void }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('webhooks.at')}</th>
            <th>{t('webhooks.subscription')}</th>
            <th>{t('webhooks.eventType')}</th>
            <th>{t('webhooks.status')}</th>
            <th className="num">{t('webhooks.attempts')}</th>
            <th className="num">{t('webhooks.responseCode')}</th>
            <th className="num">{t('webhooks.duration')}</th>
            <th>
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} data-testid="delivery-row" data-id={d.id}>
              <td>{formatDateTime(d.lastAttemptAt ?? d.createdAt)}</td>
              <td>{d.subscriptionName}</td>
              <td>{d.eventType}</td>
              <td>
                <Badge tone={STATUS_TONE[d.status]} testId="delivery-status">{t(`webhookStatus.${d.status}` as MessageKey)}</Badge>
                {d.error ? <div className="muted small">{d.error}</div> : null}
              </td>
              <td className="num" data-testid="delivery-attempts">{d.attempts}</td>
              <td className="num" data-testid="delivery-code">{d.responseCode ?? '—'}</td>
              <td className="num">{d.durationMs === null ? '—' : `${d.durationMs} ms`}</td>
              <td className="actions">
                <button type="button" className="btn btn-small" data-testid="delivery-redeliver" onClick={() => onRedeliver(d.id)}>
                  {t('webhooks.redeliver')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EMPTY = { name: '', url: '', active: true, ...Object.fromEntries(WEBHOOK_EVENT_TYPES.map((e) => [`type:${e}`, false])) } as Record<string, string | boolean>;

function NewSubscription({ onCreated }: { onCreated: (secret: string) => Promise<void> }) {
  const { t, tv } = useI18n();
  const trpc = useTRPC();
  const form = useForm(EMPTY);
  const create = useMutation(
    trpc.platform.webhooks.create.mutationOptions({
      onSuccess: async (s) => {
        form.reset(EMPTY);
        await onCreated(s.secret);
      },
      onError: (e) => form.setErrors(errorInfo(e).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const eventTypes = WEBHOOK_EVENT_TYPES.filter((type) => form.values[`type:${type}`]);
    const parsed = WebhookSubscriptionCreateInput.safeParse({ name: form.values.name, url: form.values.url, active: form.values.active, eventTypes });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data);
  };
  return (
    <Card title={t('webhooks.new')} testId="webhook-new">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={create.error} />
        <TextField {...form.text('name')} label={t('webhooks.name')} required testId="webhook-name" />
        <TextField {...form.text('url')} label={t('webhooks.url')} inputMode="url" placeholder="https://example.com/hooks/workmate" required testId="webhook-url" />
        <fieldset className="wide" data-testid="webhook-event-types">
          <legend>{t('webhooks.eventTypes')}</legend>
          {form.errors.eventTypes ? <div className="field-error" role="alert" data-testid="webhook-event-types-error">{form.errors.eventTypes.map(tv).join(' ')}</div> : null}
          <div className="chip-grid">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <CheckboxField key={type} {...form.check(`type:${type}`)} label={type} testId={`webhook-type-${type}`} />
            ))}
          </div>
        </fieldset>
        <CheckboxField {...form.check('active')} label={t('webhooks.active')} testId="webhook-active" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="webhook-create">
            {t('webhooks.create')}
          </button>
        </div>
      </form>
    </Card>
  );
}
