import { useMutation } from '@tanstack/react-query';
import type { InvoiceStatus } from '@workmate/domain/enums';
import { manualTransitionProblem } from '@workmate/domain/invoice-lifecycle';
import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useCan } from '../../lib/session.ts';
import { CancelDialog } from './cancel-dialog.tsx';
import { CorrectionActions } from './correction-actions.tsx';
import { isPositive, useInvalidateInvoices, type Invoice } from './invoice-options.ts';

type Confirm = 'finalize' | 'delete' | 'paid';

interface Props {
  invoice: Invoice;
  /** An action failed (null: a new attempt started). */
  onError: (error: unknown) => void;
  /** A note to show after an action, e.g. links to the documents a cancellation created. */
  onNotice: (notice: ReactNode) => void;
}

/** The steps the document's status and the user's permissions allow, as buttons. */
export function InvoiceActions({ invoice: inv, onError, onNotice }: Props) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const invalidate = useInvalidateInvoices();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const options = {
    onMutate: () => {
      onError(null);
      onNotice(null);
    },
    onSuccess: async () => {
      setConfirm(null);
      await invalidate();
    },
    onError: (error: unknown) => {
      setConfirm(null);
      onError(error);
    },
  };
  const finalize = useMutation(trpc.invoices.finalize.mutationOptions(options));
  const markSent = useMutation(trpc.invoices.markSent.mutationOptions(options));
  const setStatus = useMutation(trpc.invoices.setStatus.mutationOptions(options));
  const remove = useMutation(
    trpc.invoices.delete.mutationOptions({
      ...options,
      onSuccess: async () => {
        navigate(inv.type === 'quote' ? '/invoices/quotes' : '/invoices/list');
        await invalidate();
      },
    }),
  );
  const convert = useMutation(
    trpc.invoices.convertQuote.mutationOptions({
      ...options,
      onSuccess: async (draft) => {
        await invalidate();
        navigate(`/invoices/${draft.id}`);
      },
    }),
  );
  const pending = finalize.isPending || markSent.isPending || setStatus.isPending || remove.isPending || convert.isPending;

  const isDraft = inv.status === 'draft';
  const allows = (to: InvoiceStatus) => !isDraft && manualTransitionProblem(inv.type, inv.status, to) === null && inv.status !== to;
  const typeLabel = tOr(`invoiceType.${inv.type}`, inv.type);
  const button = (testId: string, label: string, onClick: () => void, kind = '') => (
    <button type="button" className={`btn${kind ? ` ${kind}` : ''}`} disabled={pending} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );

  return (
    <>
      {/* A credit note draft is made again rather than edited: the form takes no negative quantities. */}
      {isDraft && can('invoices.write') && inv.type !== 'credit_note' ? (
        <Link href={`/invoices/${inv.id}/edit`} className="btn" data-testid="invoice-edit">
          {t('common.edit')}
        </Link>
      ) : null}
      {isDraft && can('invoices.delete') ? button('invoice-delete', t('common.delete'), () => setConfirm('delete'), 'btn-danger') : null}
      {isDraft && can('invoices.finalize') ? button('invoice-finalize', t('invoice.finalize'), () => setConfirm('finalize'), 'btn-primary') : null}
      {inv.status === 'finalized' && can('invoices.finalize') ? button('invoice-mark-sent', t('invoice.markSent'), () => markSent.mutate({ id: inv.id })) : null}
      {inv.type === 'quote' && allows('accepted') && can('invoices.finalize')
        ? button('invoice-accept', t('invoice.accept'), () => setStatus.mutate({ id: inv.id, status: 'accepted' }), 'btn-primary')
        : null}
      {inv.type === 'quote' && allows('rejected') && can('invoices.finalize') ? button('invoice-reject', t('invoice.reject'), () => setStatus.mutate({ id: inv.id, status: 'rejected' })) : null}
      {inv.type === 'quote' && inv.status === 'accepted' && !inv.convertedTo && can('invoices.write')
        ? button('invoice-convert', t('invoice.convert'), () => convert.mutate({ id: inv.id }), 'btn-primary')
        : null}
      {inv.type === 'invoice' && allows('paid') && isPositive(inv.outstandingAmount) && can('invoices.finalize') && can('invoices.payments')
        ? button('invoice-mark-paid', t('invoice.markPaid'), () => setConfirm('paid'))
        : null}
      {inv.type === 'invoice' && !isDraft && inv.status !== 'cancelled' && !isPositive(inv.paidAmount) && can('invoices.cancel')
        ? button('invoice-cancel', t('invoice.cancel'), () => setCancelling(true), 'btn-danger')
        : null}
      <CorrectionActions invoice={inv} onError={onError} />
      {confirm === 'finalize' ? (
        <ConfirmDialog
          title={t('invoice.finalizeTitle', { type: typeLabel })}
          confirmLabel={t('invoice.finalizeConfirm')}
          pending={finalize.isPending}
          onConfirm={() => finalize.mutate({ id: inv.id, version: inv.version })}
          onClose={() => setConfirm(null)}
        >
          <p>{t('invoice.finalizeText')}</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'delete' ? (
        <ConfirmDialog title={t('invoice.deleteTitle')} confirmLabel={t('common.delete')} danger pending={remove.isPending} onConfirm={() => remove.mutate({ id: inv.id })} onClose={() => setConfirm(null)}>
          <p>{t('invoice.deleteText', { type: typeLabel })}</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'paid' ? (
        <ConfirmDialog
          title={t('invoice.markPaid')}
          confirmLabel={t('invoice.markPaid')}
          pending={setStatus.isPending}
          onConfirm={() => setStatus.mutate({ id: inv.id, status: 'paid' })}
          onClose={() => setConfirm(null)}
        >
          <p>{t('invoice.markPaidText')}</p>
        </ConfirmDialog>
      ) : null}
      {cancelling ? (
        <CancelDialog
          invoice={inv}
          onClose={() => setCancelling(false)}
          onDone={(notice) => {
            setCancelling(false);
            onNotice(notice);
          }}
        />
      ) : null}
    </>
  );
}
