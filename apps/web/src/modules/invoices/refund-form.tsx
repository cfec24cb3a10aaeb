import { useMutation } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { PAYMENT_METHODS } from '@workmate/domain/enums';
import { RefundRecordInput } from '@workmate/domain/schemas/invoices';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { readAmountFields } from '../../lib/number-input.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { decimalText, useInvalidateInvoices, type Invoice } from './invoice-options.ts';

/**
 * Records money paid back to a customer who overpaid the invoice (after a credit note): offered
 * only while there is an overpayment, prefilled with all of it. The API refuses more (409 on amount).
 */
export function RefundForm({ invoice: inv }: { invoice: Invoice }) {
  const { t, tOr, lang, formatMoney } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateInvoices();
  const form = useForm({ amount: decimalText(inv.refundableAmount, lang), refundDate: berlinDay(), method: 'bank_transfer', reference: '' });
  const record = useMutation(
    trpc.invoices.refunds.record.mutationOptions({
      onSuccess: () => invalidate(),
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const typed = readAmountFields(form.values, ['amount'], lang);
    if (!typed.ok) return form.setErrors(typed.errors);
    const parsed = RefundRecordInput.safeParse({ invoiceId: inv.id, ...typed.values });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    record.mutate(parsed.data);
  };

  return (
    <form className="form-grid payment-form" onSubmit={onSubmit} noValidate data-testid="refund-form">
      <h3 className="form-title">{t('invoice.addRefund')}</h3>
      <p className="muted small field-wide" data-testid="refund-overpaid">
        {t('invoice.overpaidNote', { amount: formatMoney(inv.refundableAmount) })}
      </p>
      <ErrorAlert error={record.error} />
      <TextField {...form.text('amount')} label={t('invoice.paymentAmount')} inputMode="decimal" required testId="refund-amount" />
      <TextField {...form.text('refundDate')} type="date" label={t('invoice.refundDate')} required testId="refund-date" />
      <SelectField {...form.text('method')} label={t('invoice.paymentMethod')} options={enumOptions(PAYMENT_METHODS, 'paymentMethod', tOr)} testId="refund-method" />
      <TextField {...form.text('reference')} label={t('invoice.paymentReference')} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={record.isPending} data-testid="refund-submit">
          {record.isPending ? t('common.saving') : t('invoice.addRefundSubmit')}
        </button>
      </div>
    </form>
  );
}
