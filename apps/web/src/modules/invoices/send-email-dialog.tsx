import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import type { Invoice } from './invoice-options.ts';

/** "a@b.de, c@d.de; e@f.de" → the addresses; the server checks each. */
const addresses = (text: string) => text.split(/[,;\s]+/).filter(Boolean);

/**
 * "Per E-Mail senden" on a finalized document: the button (disabled, with the reason, when the
 * installation has no SMTP set up) and its dialog. While a send is on its way the page asks again
 * every few seconds, so the history shows it as soon as the worker has sent it.
 */
export function SendEmailButton({ invoice, onNotice }: { invoice: Invoice; onNotice: (notice: ReactNode) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const sendable = invoice.status !== 'draft' && invoice.status !== 'cancelled' && can('invoices.finalize');
  const options = useQuery({
    ...trpc.invoices.sendOptions.queryOptions({ id: invoice.id }),
    enabled: sendable,
    refetchInterval: (query) => (query.state.data?.sends.some((s) => s.status === 'queued') ? 2000 : false),
  });
  const queued = options.data?.sends.filter((s) => s.status === 'queued').length ?? 0;
  const wasQueued = useRef(queued);
  useEffect(() => {
    // A send finished: the document's status and history changed too.
    if (queued < wasQueued.current) void queryClient.invalidateQueries({ queryKey: trpc.invoices.get.queryKey({ id: invoice.id }) });
    wasQueued.current = queued;
  }, [queued, queryClient, trpc, invoice.id]);

  if (!sendable || !options.data) return null;
  const configured = options.data.smtpConfigured;
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={!configured}
        title={configured ? undefined : t('invoiceSend.notConfigured')}
        aria-describedby={configured ? undefined : 'invoice-send-email-why'}
        onClick={() => setOpen(true)}
        data-testid="invoice-send-email"
      >
        {t('invoiceSend.button')}
      </button>
      {configured ? null : (
        <small id="invoice-send-email-why" className="muted small" data-testid="invoice-send-email-not-configured">
          {t('invoiceSend.notConfigured')}
        </small>
      )}
      {open ? (
        <SendEmailDialog
          invoice={invoice}
          defaultTo={options.data.to}
          onClose={() => setOpen(false)}
          onDone={(to) => {
            setOpen(false);
            onNotice(<span data-testid="invoice-send-email-queued">{t('invoiceSend.queued', { to: to.join(', ') })}</span>);
          }}
        />
      ) : null}
    </>
  );
}

function SendEmailDialog({ invoice, defaultTo, onClose, onDone }: { invoice: Invoice; defaultTo: string[]; onClose: () => void; onDone: (to: string[]) => void }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [to, setTo] = useState(defaultTo.join(', '));
  const [cc, setCc] = useState('');
  const [message, setMessage] = useState('');
  const send = useMutation(
    trpc.invoices.send.mutationOptions({
      onSuccess: async (result) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.invoices.sendOptions.queryKey({ id: invoice.id }) }),
          queryClient.invalidateQueries({ queryKey: trpc.invoices.get.queryKey({ id: invoice.id }) }),
        ]);
        onDone(result.to);
      },
    }),
  );
  const fieldErrors = send.error ? errorInfo(send.error).fieldErrors : {};
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate({ id: invoice.id, to: addresses(to), cc: addresses(cc), message });
  };

  return (
    <Modal title={t('invoiceSend.title', { type: tOr(`invoiceType.${invoice.type}`, invoice.type), number: invoice.number ?? '' })} onClose={onClose} testId="invoice-send-dialog">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        {hasFieldErrors ? null : <ErrorAlert error={send.error} />}
        <TextField name="to" label={t('invoiceSend.to')} value={to} onChange={setTo} error={fieldErrors.to} hint={t('invoiceSend.addressesHint')} required wide inputMode="email" testId="invoice-send-to" />
        <TextField name="cc" label={t('invoiceSend.cc')} value={cc} onChange={setCc} error={fieldErrors.cc} wide inputMode="email" testId="invoice-send-cc" />
        <TextAreaField name="message" label={t('invoiceSend.message')} value={message} onChange={setMessage} error={fieldErrors.message} rows={4} testId="invoice-send-message" />
        <Alert kind="info" testId="invoice-send-language">
          {t('invoiceSend.language', { language: tOr(`language.${invoice.language}`, invoice.language) })} {t('invoiceSend.attachment')}
        </Alert>
        <div className="form-actions">
          <CancelButton onCancel={onClose}>{t('common.cancel')}</CancelButton>
          <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="confirm-ok">
            {t('invoiceSend.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
