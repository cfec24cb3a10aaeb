import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MailingUpdateInput } from '@workmate/domain/schemas/campaigns';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { Kpi } from '../../ui/kpi.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

/** `/campaigns/mailings/:id`: write a mailing (while a draft), send it once, and follow its statistics. */
export function MailingPage({ id }: { id: string }) {
  const { t, tOr, formatDateTime, formatNumber } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const mailing = useQuery({ ...trpc.campaigns.mailings.get.queryOptions({ id }), refetchInterval: (q) => (q.state.data?.stats.queued ? 2000 : false) });
  const recipients = useQuery({ ...trpc.campaigns.mailings.recipients.queryOptions({ id }), enabled: mailing.data?.status === 'sent' });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
  const send = useMutation(
    trpc.campaigns.mailings.send.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await refresh();
      },
      onError: () => setConfirming(false),
    }),
  );
  if (mailing.isPending) return <Loading />;
  if (!mailing.data) return <ErrorAlert error={mailing.error} onRetry={() => void mailing.refetch()} />;
  const m = mailing.data;
  const canWrite = can('campaigns.write');
  const draft = m.status === 'draft';
  return (
    <>
      <PageHeader
        title={`${t('mailing.title')}: ${m.subject}`}
        actions={
          canWrite && draft ? (
            <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)} data-testid="send-mailing">
              {t('mailing.send')}
            </button>
          ) : null
        }
      >
        <p className="muted">
          <Link href={`/campaigns/${m.campaignId}`}>{m.campaignName}</Link> · <span data-testid="mailing-status">{draft ? t('mailing.status.draft') : `${t('mailing.status.sent')} ${formatDateTime(m.sentAt)}`}</span>
        </p>
      </PageHeader>
      <ErrorAlert error={send.error} />
      {draft && canWrite ? (
        <Card title={t('mailing.title')} testId="mailing-composer">
          <Composer key={m.version} id={m.id} version={m.version} subject={m.subject} body={m.body} />
        </Card>
      ) : (
        <Card title={m.subject} testId="mailing-preview">
          <p className="pre-wrap">{m.body}</p>
        </Card>
      )}
      {!draft ? (
        <>
          <h2>{t('mailing.stats')}</h2>
          <div className="kpi-grid" data-testid="mailing-stats">
            <Kpi label={t('mailing.stats.recipients')} value={formatNumber(m.stats.recipients)} testId="stat-recipients" />
            <Kpi label={t('mailing.stats.sent')} value={formatNumber(m.stats.sent)} testId="stat-sent" />
            <Kpi label={t('mailing.stats.opened')} value={formatNumber(m.stats.opened)} testId="stat-opened" />
            <Kpi label={t('mailing.stats.unsubscribed')} value={formatNumber(m.stats.unsubscribed)} testId="stat-unsubscribed" />
            <Kpi label={t('mailing.stats.failed')} value={formatNumber(m.stats.failed)} testId="stat-failed" />
            <Kpi label={t('mailing.stats.skipped')} value={formatNumber(m.stats.skippedNoConsent)} testId="stat-skipped" />
            {m.stats.queued ? <Kpi label={t('mailing.stats.queued')} value={formatNumber(m.stats.queued)} testId="stat-queued" /> : null}
          </div>
          <Card title={t('mailing.recipients')} testId="mailing-recipients">
            {!recipients.data?.length ? (
              <Empty />
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('campaign.email')}</th>
                    <th>{t('mailing.status')}</th>
                    <th>{t('mailing.openedAt')}</th>
                    <th>{t('mailing.stats.unsubscribed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {recipients.data.map((r) => (
                    <tr key={r.id} data-testid="recipient-row">
                      <td>{r.email}</td>
                      <td>
                        {tOr(`recipientStatus.${r.status}`, r.status)}
                        {r.error ? <div className="small muted">{r.error}</div> : null}
                      </td>
                      <td>{formatDateTime(r.openedAt)}</td>
                      <td>{formatDateTime(r.unsubscribedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </>
      ) : null}
      {confirming ? (
        <SendDialog campaignId={m.campaignId} pending={send.isPending} onConfirm={() => send.mutate({ id: m.id })} onClose={() => setConfirming(false)} />
      ) : null}
    </>
  );
}

function SendDialog({ campaignId, pending, onConfirm, onClose }: { campaignId: string; pending: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ id: campaignId }));
  return (
    <ConfirmDialog title={t('mailing.sendTitle')} confirmLabel={t('mailing.send')} pending={pending} onConfirm={onConfirm} onClose={onClose}>
      <p>{t('mailing.sendExplain', { count: campaign.data?.memberCount ?? '…' })}</p>
    </ConfirmDialog>
  );
}

function Composer({ id, version, subject, body }: { id: string; version: number; subject: string; body: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ subject, body });
  const save = useMutation(
    trpc.campaigns.mailings.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() }),
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = MailingUpdateInput.safeParse({ id, version, ...form.values });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    save.mutate(parsed.data);
  };
  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="mailing-form">
      <ErrorAlert error={save.error} />
      {save.isSuccess ? <Alert kind="success">{t('common.saved')}</Alert> : null}
      <TextField {...form.text('subject')} label={t('mailing.subject')} required wide testId="mailing-subject" />
      <TextAreaField {...form.text('body')} label={t('mailing.body')} rows={12} hint={t('mailing.bodyHint')} testId="mailing-body" />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={save.isPending} data-testid="mailing-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
