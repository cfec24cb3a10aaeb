import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { useTRPC, useTRPCClient } from '../../trpc.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Badge } from '../../ui/badge.tsx';
import { downloadBase64Pdf, NOTICE_STATUS_TONES, useInvalidateDunning, type DunningNotice } from './dunning-options.ts';

export function NoticeStatusBadge({ notice }: { notice: DunningNotice }) {
  const { t } = useI18n();
  return (
    <Badge tone={NOTICE_STATUS_TONES[notice.status]} testId="dunning-status">
      {t(`dunning.status.${notice.status}`)}
    </Badge>
  );
}

/**
 * What a person can do with one notice: send or discard a proposal (dunning.write), download a
 * sent one's archived PDF. Sending asks first: it numbers the notice and freezes its amounts.
 */
export function NoticeActions({ notice, onError }: { notice: DunningNotice; onError: (error: unknown) => void }) {
  const { t, formatMoney } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const can = useCan();
  const invalidate = useInvalidateDunning();
  const [confirm, setConfirm] = useState<'send' | 'discard' | null>(null);
  const options = {
    onSuccess: async () => {
      setConfirm(null);
      await invalidate();
    },
    onError: (error: unknown) => {
      setConfirm(null);
      onError(error);
    },
  };
  const send = useMutation(trpc.dunning.notices.send.mutationOptions(options));
  const discard = useMutation(trpc.dunning.notices.discard.mutationOptions(options));
  const download = async () => {
    try {
      const pdf = await client.dunning.notices.pdf.query({ id: notice.id });
      if (pdf) downloadBase64Pdf(pdf.fileName, pdf.base64);
      else onError(new Error(t('dunning.pdfPending')));
    } catch (error) {
      onError(error);
    }
  };

  return (
    <>
      {notice.status === 'proposed' && can('dunning.write') ? (
        <>
          <button type="button" className="btn btn-small btn-primary" onClick={() => setConfirm('send')} data-testid="dunning-send">
            {t('dunning.send')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirm('discard')} data-testid="dunning-discard">
            {t('dunning.discard')}
          </button>
        </>
      ) : null}
      {notice.status === 'sent' ? (
        <button type="button" className="btn btn-small" onClick={() => void download()} data-testid="dunning-pdf">
          {t('dunning.pdf')}
        </button>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={confirm === 'send' ? t('dunning.sendTitle') : t('dunning.discardTitle')}
          confirmLabel={confirm === 'send' ? t('dunning.send') : t('dunning.discard')}
          danger={confirm === 'discard'}
          pending={send.isPending || discard.isPending}
          onConfirm={() => (confirm === 'send' ? send.mutate({ id: notice.id }) : discard.mutate({ id: notice.id }))}
          onClose={() => setConfirm(null)}
        >
          {confirm === 'send'
            ? t('dunning.sendExplain', { invoice: notice.invoice.number ?? '', total: formatMoney(notice.total) })
            : t('dunning.discardExplain', { invoice: notice.invoice.number ?? '' })}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
