import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { TAX_RATES, TIME_INVOICE_GROUPINGS } from '@workmate/domain/enums';
import { CreateFromTimeEntriesInput } from '@workmate/domain/schemas/invoices';
import { useMemo, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { errorInfo } from '../../lib/errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { decimalText, useInvalidateInvoices } from './invoice-options.ts';

type Preview = RouterOutputs['invoices']['previewFromTimeEntries'];

/**
 * "Invoice time": the project's unbilled billable time becomes an invoice draft (one line per
 * entry, day, task type, person, or one line in total); then the draft opens. By default ALL
 * unbilled time up to today is billed (no lower bound: nothing is left out because it fell into
 * an earlier month), and the dialog shows the lines, hours and amounts before anything is created.
 */
export function InvoiceTimeDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const invalidate = useInvalidateInvoices();
  const form = useForm({ from: '', to: berlinDay(), groupBy: 'entry', taxRate: '19', onlyApproved: false, includeExpenses: false });
  const values = form.values;
  const parsed = CreateFromTimeEntriesInput.safeParse({ projectId, ...values, from: values.from || undefined, to: values.to || undefined });
  // Debounced by value (a new object every render would restart the timer forever).
  const currentKey = parsed.success ? JSON.stringify(parsed.data) : null;
  const debouncedKey = useDebounced(currentKey, 250);
  const input = useMemo(() => (debouncedKey ? (JSON.parse(debouncedKey) as CreateFromTimeEntriesInput) : null), [debouncedKey]);
  const preview = useQuery({
    ...trpc.invoices.previewFromTimeEntries.queryOptions(input ?? { projectId }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
  const create = useMutation(
    trpc.invoices.createFromTimeEntries.mutationOptions({
      onSuccess: async (draft) => {
        await invalidate();
        navigate(`/invoices/${draft.id}`);
      },
      onError: (error) => form.setErrors(errorInfo(error).code === 'CONFLICT' ? {} : errorInfo(error).fieldErrors),
    }),
  );
  // Only a preview of exactly the options on screen counts (not one of a moment ago), and the
  // draft is made of what it shows: the same input, up to the day the preview used.
  const shown = preview.data && input && debouncedKey === currentKey && !preview.isPlaceholderData ? preview.data : null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    if (!shown?.lines.length || !input) return;
    create.mutate({ ...input, to: input.entryIds ? undefined : (shown.to ?? undefined) });
  };

  return (
    <Modal title={t('invoice.timeTitle')} onClose={onClose} testId="invoice-time-dialog" wide>
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={create.error ?? preview.error} />
        <p className="muted small field-wide">{t('invoice.timeIntroAll')}</p>
        <TextField {...form.text('from')} type="date" label={t('time.from')} hint={t('invoice.timeFromHint')} testId="invoice-time-from" />
        <TextField {...form.text('to')} type="date" label={t('time.to')} testId="invoice-time-to" />
        <SelectField {...form.text('groupBy')} label={t('invoice.timeGroupBy')} options={enumOptions(TIME_INVOICE_GROUPINGS, 'timeGrouping', tOr)} testId="invoice-time-group" />
        <SelectField {...form.text('taxRate')} label={t('invoice.lineTaxRate')} options={TAX_RATES.map((r) => ({ value: String(r), label: `${r} %` }))} testId="invoice-time-tax-rate" />
        <CheckboxField {...form.check('onlyApproved')} label={t('invoice.timeOnlyApproved')} testId="invoice-time-approved" />
        <div className="field-wide">
          <CheckboxField {...form.check('includeExpenses')} label={t('invoice.timeIncludeExpenses')} testId="invoice-time-expenses" />
          <small className="hint">{t('invoice.timeIncludeExpensesHint')}</small>
        </div>
        <div className="field-wide" data-testid="invoice-time-preview" aria-live="polite" data-ready={shown ? 'true' : 'false'}>
          <h3 className="form-title">{t('invoice.timePreviewTitle')}</h3>
          {shown ? <PreviewTable preview={shown} /> : <p className="muted small">{t('invoice.timePreviewLoading')}</p>}
        </div>
        <div className="form-actions">
          <CancelButton onCancel={onClose}>
            {t('common.cancel')}
          </CancelButton>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !shown?.lines.length} data-testid="invoice-time-submit">
            {create.isPending ? t('invoice.timeCreating') : t('invoice.timeSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The lines the draft will get, with hours and amounts, and what they add up to. */
function PreviewTable({ preview }: { preview: Preview }) {
  const { t, lang, formatMoney, formatDate, formatHours } = useI18n();
  if (!preview.lines.length) {
    return (
      <p className="muted" data-testid="invoice-time-preview-empty">
        {t('invoice.timePreviewEmpty', { to: formatDate(preview.to) })}
      </p>
    );
  }
  return (
    <>
      <p className="small" data-testid="invoice-time-preview-summary">
        {t('invoice.timePreviewSummary', { entries: preview.entryCount, hours: formatHours(preview.totalMinutes), amount: formatMoney(preview.netTotal) })}
        {preview.expenseCount ? ` · ${t('invoice.timePreviewExpenses', { count: preview.expenseCount })}` : ''}
        {preview.firstDay && preview.lastDay ? ` · ${t('invoice.timePreviewPeriod', { first: formatDate(preview.firstDay), last: formatDate(preview.lastDay) })}` : ''}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="invoice-time-preview-lines">
          <thead>
            <tr>
              <th>{t('invoice.lineDescription')}</th>
              <th className="num">{t('invoice.lineQuantity')}</th>
              <th className="num">{t('invoice.lineUnitPrice')}</th>
              <th className="num">{t('invoice.lineNet')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((l, i) => (
              <tr key={i} data-testid="invoice-time-preview-line">
                <td>{l.description.split('\n')[0]}</td>
                <td className="num nowrap">{`${decimalText(l.quantity, lang)} ${l.unit}`}</td>
                <td className="num nowrap">{formatMoney(l.unitPrice)}</td>
                <td className="num nowrap" data-amount={l.netAmount}>
                  {formatMoney(l.netAmount)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={3}>{t('invoice.lineNet')}</th>
              <th className="num nowrap" data-testid="invoice-time-preview-total" data-amount={preview.netTotal}>
                {formatMoney(preview.netTotal)}
              </th>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
