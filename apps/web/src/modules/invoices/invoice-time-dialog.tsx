import { useMutation } from '@tanstack/react-query';
import { TAX_RATES, TIME_INVOICE_GROUPINGS } from '@workmate/domain/enums';
import { CreateFromTimeEntriesInput } from '@workmate/domain/schemas/invoices';
import type { FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '../../lib/berlin-time.ts';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { useInvalidateInvoices } from './invoice-options.ts';

/**
 * "Invoice time": the project's unbilled billable time in a date range becomes an invoice draft
 * (one line per entry, day, task type, person, or one line in total); then the draft opens.
 */
export function InvoiceTimeDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const invalidate = useInvalidateInvoices();
  const today = berlinDay();
  const form = useForm({ from: `${today.slice(0, 8)}01`, to: today, groupBy: 'entry', taxRate: '19', onlyApproved: false, includeExpenses: false });
  const create = useMutation(
    trpc.invoices.createFromTimeEntries.mutationOptions({
      onSuccess: async (draft) => {
        await invalidate();
        navigate(`/invoices/${draft.id}`);
      },
      onError: (error) => form.setErrors(errorInfo(error).code === 'CONFLICT' ? {} : errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateFromTimeEntriesInput.safeParse({ projectId, ...form.values });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data);
  };

  return (
    <Modal title={t('invoice.timeTitle')} onClose={onClose} testId="invoice-time-dialog">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={create.error} />
        <p className="muted small field-wide">{t('invoice.timeIntro')}</p>
        <TextField {...form.text('from')} type="date" label={t('time.from')} required testId="invoice-time-from" />
        <TextField {...form.text('to')} type="date" label={t('time.to')} required testId="invoice-time-to" />
        <SelectField {...form.text('groupBy')} label={t('invoice.timeGroupBy')} options={enumOptions(TIME_INVOICE_GROUPINGS, 'timeGrouping', tOr)} testId="invoice-time-group" />
        <SelectField {...form.text('taxRate')} label={t('invoice.lineTaxRate')} options={TAX_RATES.map((r) => ({ value: String(r), label: `${r} %` }))} testId="invoice-time-tax-rate" />
        <CheckboxField {...form.check('onlyApproved')} label={t('invoice.timeOnlyApproved')} testId="invoice-time-approved" />
        <div className="field-wide">
          <CheckboxField {...form.check('includeExpenses')} label={t('invoice.timeIncludeExpenses')} testId="invoice-time-expenses" />
          <small className="hint">{t('invoice.timeIncludeExpensesHint')}</small>
        </div>
        <div className="form-actions">
          <CancelButton onCancel={onClose}>
            {t('common.cancel')}
          </CancelButton>
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="invoice-time-submit">
            {create.isPending ? t('invoice.timeCreating') : t('invoice.timeSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
