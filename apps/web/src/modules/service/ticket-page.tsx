import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TICKET_TRANSITIONS, type TicketStatus } from '@workmate/domain/service-sla';
import { TicketReplyInput, TICKET_REPLY_KINDS } from '@workmate/domain/schemas/service';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { SelectField, TextAreaField } from '../../ui/form-fields.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { SlaBadge } from './sla-badge.tsx';

/** `/service/:id`: a ticket with its SLA clocks, status, and the conversation (notes, replies, customer mails). */
export function TicketPage({ id }: { id: string }) {
  const { t, tOr, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.service.tickets.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.service.pathKey() });
  const status = useMutation(trpc.service.tickets.setStatus.mutationOptions({ onSuccess: refresh }));
  if (query.isPending) return <Loading />;
  if (!query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const tk = query.data;
  const canWrite = can('service.write');
  return (
    <>
      <PageHeader title={`${tk.number} · ${tk.subject}`} />
      <div className="grid-2">
        <Card title={t('service.status')} testId="ticket-facts">
          <dl className="einvoice-facts">
            <dt>{t('service.customer')}</dt>
            <dd>{tk.customerName}{tk.contactName ? ` · ${tk.contactName}` : ''}{tk.contactEmail ? ` <${tk.contactEmail}>` : ''}</dd>
            <dt>{t('service.priority')}</dt>
            <dd>{tOr(`ticketPriority.${tk.priority}`, tk.priority)}</dd>
            <dt>{t('service.status')}</dt>
            <dd data-testid="ticket-status">{tOr(`ticketStatus.${tk.status}`, tk.status)}{tk.source === 'email' ? ` (${t('service.source.email')})` : ''}</dd>
            <dt>{t('service.firstResponse')}</dt>
            <dd><SlaBadge clock={tk.sla.firstResponse} testId="sla-first-response" /></dd>
            <dt>{t('service.resolution')}</dt>
            <dd><SlaBadge clock={tk.sla.resolution} testId="sla-resolution" /></dd>
            <dt>{t('service.created')}</dt>
            <dd>{formatDateTime(tk.createdAt)}</dd>
          </dl>
          {canWrite && TICKET_TRANSITIONS[tk.status].length ? (
            <label className="field">
              {t('service.changeStatus')}
              <select
                value=""
                onChange={(e) => e.target.value && status.mutate({ id: tk.id, status: e.target.value as TicketStatus, version: tk.version })}
                data-testid="ticket-status-select"
              >
                <option value="">—</option>
                {TICKET_TRANSITIONS[tk.status].map((s) => (
                  <option key={s} value={s}>
                    {tOr(`ticketStatus.${s}`, s)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <ErrorAlert error={status.error} />
          {tk.description ? <p className="pre-wrap">{tk.description}</p> : null}
        </Card>
        <Card title={t('service.replies')} testId="ticket-replies">
          {!tk.replies.length ? (
            <Empty>{t('service.noReplies')}</Empty>
          ) : (
            <ul className="ticket-replies">
              {tk.replies.map((r) => (
                <li key={r.id} className={`ticket-reply ticket-reply-${r.kind}${r.direction === 'in' ? ' ticket-reply-in' : ''}`} data-testid="ticket-reply">
                  <div className="small muted">
                    <Badge tone={r.kind === 'internal' ? 'warning' : r.direction === 'in' ? 'info' : 'success'}>
                      {r.direction === 'in' ? t('service.incoming') : tOr(`service.replyKind.${r.kind}`, r.kind)}
                    </Badge>{' '}
                    {r.authorName ?? r.fromEmail ?? ''} · {formatDateTime(r.createdAt)}
                    {r.toEmail ? ` · ${t('service.mailedTo', { email: r.toEmail })}` : ''}
                  </div>
                  <p className="pre-wrap">{r.body}</p>
                </li>
              ))}
            </ul>
          )}
          {canWrite && tk.status !== 'closed' ? <ReplyForm ticketId={tk.id} onSent={refresh} /> : null}
        </Card>
      </div>
    </>
  );
}

function ReplyForm({ ticketId, onSent }: { ticketId: string; onSent: () => Promise<unknown> }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const form = useForm({ kind: 'external', body: '' });
  const reply = useMutation(
    trpc.service.tickets.reply.mutationOptions({
      onSuccess: async () => {
        form.reset({ kind: form.values.kind, body: '' });
        await onSent();
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = TicketReplyInput.safeParse({ ticketId, ...form.values });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    reply.mutate(parsed.data);
  };
  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="reply-form">
      <ErrorAlert error={reply.error} />
      <SelectField {...form.text('kind')} label={t('service.replyKind')} options={TICKET_REPLY_KINDS.map((k) => ({ value: k, label: tOr(`service.replyKind.${k}`, k) }))} testId="reply-kind" />
      <TextAreaField {...form.text('body')} label={t('service.replyBody')} rows={4} testId="reply-body" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={reply.isPending} data-testid="reply-send">
          {t('service.send')}
        </button>
      </div>
    </form>
  );
}
