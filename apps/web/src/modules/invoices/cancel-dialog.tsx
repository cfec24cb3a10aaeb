import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { CheckboxField, TextAreaField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import { useInvalidateInvoices, type Invoice } from './invoice-options.ts';

/**
 * The confirmation step of cancelling (its button is `confirm-ok`, like every other confirmation).
 * Cancels a finalized invoice with a cancellation invoice (GoBD); optionally a corrected copy
 * starts as a new draft. Afterwards the page links to both.
 */
export function CancelDialog({ invoice, onClose, onDone }: { invoice: Invoice; onClose: () => void; onDone: (notice: ReactNode) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateInvoices();
  const [reason, setReason] = useState('');
  const [createCorrection, setCreateCorrection] = useState(false);
  const cancel = useMutation(
    trpc.invoices.cancel.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        onDone(
          <span data-testid="cancel-done">
            {t('invoice.cancelled', { number: result.original.number ?? '' })}{' '}
            <Link href={`/invoices/${result.cancellation.id}`} data-testid="cancel-link-cancellation">
              {t('invoice.toCancellation', { number: result.cancellation.number ?? '' })}
            </Link>
            {result.correction ? (
              <>
                {' · '}
                <Link href={`/invoices/${result.correction.id}/edit`} data-testid="cancel-link-correction">
                  {t('invoice.toCorrection')}
                </Link>
              </>
            ) : null}
          </span>,
        );
      },
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    cancel.mutate({ id: invoice.id, reason, createCorrection });
  };

  return (
    <Modal title={t('invoice.cancelTitle', { number: invoice.number ?? '' })} onClose={onClose} testId="cancel-dialog">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={cancel.error} />
        <p className="field-wide">{t('invoice.cancelText')}</p>
        <TextAreaField name="reason" label={t('invoice.cancelReason')} value={reason} onChange={setReason} rows={3} testId="cancel-reason" />
        <CheckboxField name="createCorrection" label={t('invoice.createCorrection')} checked={createCorrection} onChange={setCreateCorrection} testId="cancel-create-correction" />
        <div className="form-actions">
          <CancelButton onCancel={onClose}>
            {t('common.cancel')}
          </CancelButton>
          <button type="submit" className="btn btn-danger" disabled={cancel.isPending} data-testid="confirm-ok">
            {t('invoice.cancelSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
