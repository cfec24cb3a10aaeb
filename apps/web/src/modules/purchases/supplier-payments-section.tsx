import { useMutation, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { SUPPLIER_PAYMENT_METHODS, SupplierPaymentRecordInput } from '@workmate/domain/schemas/purchases';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { readAmountFields } from '../../lib/number-input.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, Empty } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

interface Settlement {
  paidAmount: string;
  skontoAmount: string;
  openAmount: string;
  payments: Array<{ id: string; amount: string; paymentDate: string; method: 'bank' | 'cash'; reference: string | null; skontoAmount: string | null; createdBy: { name: string } | null }>;
}

/** An amount as the reader types it ("296,99" in German); the form reads it back exactly. */
const typed = (amount: string, lang: string) => (lang === 'de' ? amount.replace('.', ',') : amount);

/**
 * What was paid on an approved received invoice and what is still open; a payment (bank or
 * cash, with the Skonto taken) is recorded here and deleted (its posting reversed) here.
 */
export function SupplierPaymentsSection({ supplierInvoiceId, settlement }: { supplierInvoiceId: string; settlement: Settlement }) {
  const { t, lang, formatDate, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<Settlement['payments'][number] | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.purchases.inbox.pathKey() });
  const remove = useMutation(
    trpc.purchases.inbox.payments.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await invalidate();
      },
      onError: () => setDeleting(null),
    }),
  );
  const mayPay = can('purchases.write');
  const open = settlement.openAmount !== '0.00';

  return (
    <Card title={t('supplierPayment.title')} testId="supplier-payments">
      <ErrorAlert error={remove.error} />
      <p data-testid="supplier-open-amount">
        {t('supplierPayment.summary', { paid: formatMoney(settlement.paidAmount), skonto: formatMoney(settlement.skontoAmount), open: formatMoney(settlement.openAmount) })}
      </p>
      {!settlement.payments.length ? (
        <Empty>{t('supplierPayment.none')}</Empty>
      ) : (
        <table className="table" data-testid="supplier-payment-table">
          <thead>
            <tr>
              <th>{t('supplierPayment.date')}</th>
              <th className="num">{t('supplierPayment.amount')}</th>
              <th className="num">{t('supplierPayment.skonto')}</th>
              <th>{t('supplierPayment.method')}</th>
              <th>{t('supplierPayment.reference')}</th>
              {mayPay ? (
                <th>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {settlement.payments.map((p) => (
              <tr key={p.id} data-testid="supplier-payment-row">
                <td className="nowrap">{formatDate(p.paymentDate)}</td>
                <td className="num nowrap">{formatMoney(p.amount)}</td>
                <td className="num nowrap">{p.skontoAmount ? formatMoney(p.skontoAmount) : '—'}</td>
                <td>{t(`supplierPayment.method.${p.method}`)}</td>
                <td>
                  {p.reference}
                  {p.createdBy ? <div className="muted small">{t('activity.by', { actor: p.createdBy.name })}</div> : null}
                </td>
                {mayPay ? (
                  <td className="cell-actions">
                    <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} onClick={() => setDeleting(p)} data-testid="supplier-payment-delete">
                      {t('common.delete')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayPay && open ? <SupplierPaymentForm key={`${settlement.openAmount}-${settlement.payments.length}-${lang}`} supplierInvoiceId={supplierInvoiceId} openAmount={settlement.openAmount} onDone={invalidate} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('supplierPayment.deleteTitle')}
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          onClose={() => setDeleting(null)}
        >
          <p>{t('supplierPayment.deleteText', { amount: formatMoney(deleting.amount), date: formatDate(deleting.paymentDate) })}</p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}

function SupplierPaymentForm({ supplierInvoiceId, openAmount, onDone }: { supplierInvoiceId: string; openAmount: string; onDone: () => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const form = useForm({ amount: typed(openAmount, lang), skontoAmount: '', paymentDate: berlinDay(), method: 'bank', reference: '' });
  const record = useMutation(
    trpc.purchases.inbox.payments.record.mutationOptions({
      onSuccess: () => onDone(),
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const read = readAmountFields(form.values, ['amount', 'skontoAmount'], lang);
    if (!read.ok) return form.setErrors(read.errors);
    const { skontoAmount, ...rest } = read.values;
    const parsed = SupplierPaymentRecordInput.safeParse({ supplierInvoiceId, ...rest, skontoAmount: skontoAmount.trim() === '' ? null : skontoAmount });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    record.mutate(parsed.data);
  };

  return (
    <form className="form-grid payment-form" onSubmit={onSubmit} noValidate data-testid="supplier-payment-form">
      <h3 className="form-title">{t('supplierPayment.add')}</h3>
      <ErrorAlert error={record.error} />
      <TextField {...form.text('amount')} label={t('supplierPayment.amount')} inputMode="decimal" required testId="supplier-payment-amount" />
      <TextField {...form.text('skontoAmount')} label={t('supplierPayment.skontoField')} inputMode="decimal" testId="supplier-payment-skonto" />
      <TextField {...form.text('paymentDate')} type="date" label={t('supplierPayment.date')} required testId="supplier-payment-date" />
      <SelectField {...form.text('method')} label={t('supplierPayment.method')} options={SUPPLIER_PAYMENT_METHODS.map((m) => ({ value: m, label: t(`supplierPayment.method.${m}`) }))} testId="supplier-payment-method" />
      <TextField {...form.text('reference')} label={t('supplierPayment.reference')} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={record.isPending} data-testid="supplier-payment-submit">
          {record.isPending ? t('common.saving') : t('supplierPayment.submit')}
        </button>
      </div>
    </form>
  );
}
