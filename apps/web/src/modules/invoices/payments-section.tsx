import { useMutation } from '@tanstack/react-query';
import { PAYMENT_METHODS } from '@workmate/domain/enums';
import { isOpen } from '@workmate/domain/invoice-lifecycle';
import { PaymentAddInput } from '@workmate/domain/schemas/invoices';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, Empty } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { useCan } from '../../lib/session.ts';
import { decimalText, isPositive, percentText, useInvalidateInvoices, type Invoice, type Payment, type Refund } from './invoice-options.ts';
import { RefundForm } from './refund-form.tsx';
import { readAmountFields } from '../../lib/number-input.ts';

/**
 * Money received on an invoice and money paid back (refunds, marked as such): the list, deleting
 * one, recording a payment while something is owed and a refund while the customer has overpaid.
 */
export function PaymentsSection({ invoice: inv }: { invoice: Invoice }) {
  const { t, tOr, lang, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const invalidate = useInvalidateInvoices();
  const [deleting, setDeleting] = useState<Payment | null>(null);
  const remove = useMutation(
    trpc.invoices.payments.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await invalidate();
      },
      onError: () => setDeleting(null),
    }),
  );
  const [deletingRefund, setDeletingRefund] = useState<Refund | null>(null);
  const removeRefund = useMutation(
    trpc.invoices.refunds.delete.mutationOptions({
      onSuccess: async () => {
        setDeletingRefund(null);
        await invalidate();
      },
      onError: () => setDeletingRefund(null),
    }),
  );
  const mayPay = can('invoices.payments') && inv.status !== 'cancelled';

  return (
    <Card title={t('invoice.payments')} testId="payments">
      <ErrorAlert error={remove.error} />
      <ErrorAlert error={removeRefund.error} />
      {!inv.payments.length && !inv.refunds.length ? (
        <Empty>{t('invoice.noPayments')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="payment-table">
            <thead>
              <tr>
                <th>{t('invoice.paymentDate')}</th>
                <th className="num">{t('invoice.paymentAmount')}</th>
                <th>{t('invoice.paymentMethod')}</th>
                <th>{t('invoice.paymentReference')}</th>
                {mayPay ? (
                  <th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {inv.payments.map((p) => (
                <tr key={p.id} data-testid="payment-row" data-id={p.id}>
                  <td className="nowrap">{formatDate(p.paymentDate)}</td>
                  <td className="num nowrap" data-amount={p.amount}>
                    {formatMoney(p.amount)}
                    {p.skontoAmount ? <SkontoNote payment={p} /> : null}
                  </td>
                  <td>{tOr(`paymentMethod.${p.method}`, p.method)}</td>
                  <td>
                    {p.reference}
                    {p.createdBy ? <div className="muted small">{t('activity.by', { actor: p.createdBy.name })}</div> : null}
                  </td>
                  {mayPay ? (
                    <td className="cell-actions">
                      <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} onClick={() => setDeleting(p)} data-testid="payment-delete">
                        {t('common.delete')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
              {inv.refunds.map((r) => (
                <tr key={r.id} className="row-refund" data-testid="refund-row" data-id={r.id}>
                  <td className="nowrap">{formatDate(r.refundDate)}</td>
                  <td className="num nowrap" data-amount={r.amount}>
                    {formatMoney(`-${r.amount}`)}
                    <div className="muted small">
                      <span className="badge" data-testid="refund-badge">{t('invoice.refund')}</span> {t('invoice.refundedBy')}
                    </div>
                  </td>
                  <td>{tOr(`paymentMethod.${r.method}`, r.method)}</td>
                  <td>
                    {r.reference}
                    {r.createdBy ? <div className="muted small">{t('activity.by', { actor: r.createdBy.name })}</div> : null}
                  </td>
                  {mayPay ? (
                    <td className="cell-actions">
                      <button type="button" className="btn btn-small btn-danger" disabled={removeRefund.isPending} onClick={() => setDeletingRefund(r)} data-testid="refund-delete">
                        {t('common.delete')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayPay && isOpen(inv.status) && isPositive(inv.outstandingAmount) ? <PaymentForm key={`${inv.outstandingAmount}-${inv.payments.length}-${lang}`} invoice={inv} /> : null}
      {mayPay && isPositive(inv.refundableAmount) ? <RefundForm key={`${inv.refundableAmount}-${inv.refunds.length}-${lang}`} invoice={inv} /> : null}
      {deletingRefund ? (
        <ConfirmDialog
          title={t('invoice.deleteRefundTitle')}
          confirmLabel={t('common.delete')}
          danger
          pending={removeRefund.isPending}
          onConfirm={() => removeRefund.mutate({ id: deletingRefund.id })}
          onClose={() => setDeletingRefund(null)}
        >
          <p>{t('invoice.deleteRefundText', { amount: formatMoney(deletingRefund.amount), date: formatDate(deletingRefund.refundDate) })}</p>
        </ConfirmDialog>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('invoice.deletePaymentTitle')}
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          onClose={() => setDeleting(null)}
        >
          <p>{t('invoice.deletePaymentText', { amount: formatMoney(deleting.amount), date: formatDate(deleting.paymentDate) })}</p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}

/** The Skonto a payment settled the invoice with, and its VAT correction per rate (§17 UStG). */
function SkontoNote({ payment }: { payment: Payment }) {
  const { t, formatMoney } = useI18n();
  return (
    <div className="muted small" data-testid="payment-skonto">
      {t('invoice.skontoGranted', { amount: formatMoney(payment.skontoAmount ?? '0') })}
      {payment.skontoVat.map((r) => (
        <div key={r.taxRate}>{t('invoice.skontoVatRow', { rate: r.taxRate, net: formatMoney(r.netAmount), tax: formatMoney(r.taxAmount) })}</div>
      ))}
    </div>
  );
}

/** While the Skonto period runs and nothing was granted yet: what paying with the discount means. */
function SkontoHint({ invoice: inv, onUse }: { invoice: Invoice; onUse: (amount: string) => void }) {
  const { t, lang, formatDate, formatMoney } = useI18n();
  const offer = inv.skontoOffer;
  if (!offer?.until || offer.until < berlinDay() || inv.skontoGranted !== '0.00') return null;
  return (
    <p className="muted small field-wide" data-testid="payment-skonto-hint">
      {t('invoice.skontoOffer', { percent: percentText(offer.percent, lang), date: formatDate(offer.until), amount: formatMoney(offer.reducedAmount) })}{' '}
      <button type="button" className="btn btn-small" onClick={() => onUse(decimalText(offer.reducedAmount, lang))} data-testid="payment-skonto-use">
        {t('invoice.skontoUse')}
      </button>
    </p>
  );
}

function PaymentForm({ invoice: inv }: { invoice: Invoice }) {
  const { t, tOr, lang } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateInvoices();
  const form = useForm({ amount: decimalText(inv.outstandingAmount, lang), paymentDate: berlinDay(), method: 'bank_transfer', reference: '' });
  const add = useMutation(
    trpc.invoices.payments.add.mutationOptions({
      onSuccess: () => invalidate(),
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const typed = readAmountFields(form.values, ['amount'], lang);
    if (!typed.ok) return form.setErrors(typed.errors);
    const parsed = PaymentAddInput.safeParse({ invoiceId: inv.id, ...typed.values });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    add.mutate(parsed.data);
  };

  return (
    <form className="form-grid payment-form" onSubmit={onSubmit} noValidate data-testid="payment-form">
      <h3 className="form-title">{t('invoice.addPayment')}</h3>
      <ErrorAlert error={add.error} />
      <SkontoHint invoice={inv} onUse={(amount) => form.set('amount', amount)} />
      <TextField {...form.text('amount')} label={t('invoice.paymentAmount')} inputMode="decimal" required testId="payment-amount" />
      <TextField {...form.text('paymentDate')} type="date" label={t('invoice.paymentDate')} required testId="payment-date" />
      <SelectField {...form.text('method')} label={t('invoice.paymentMethod')} options={enumOptions(PAYMENT_METHODS, 'paymentMethod', tOr)} testId="payment-method" />
      <TextField {...form.text('reference')} label={t('invoice.paymentReference')} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending} data-testid="payment-submit">
          {add.isPending ? t('common.saving') : t('invoice.addPaymentSubmit')}
        </button>
      </div>
    </form>
  );
}
