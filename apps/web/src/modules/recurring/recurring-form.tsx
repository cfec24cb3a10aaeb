import { useMutation, useQuery } from '@tanstack/react-query';
import { LANGUAGES } from '@workmate/domain/enums';
import { RECURRING_INTERVALS } from '@workmate/domain/recurring-periods';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldErrorPaths, type FieldErrors } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LineItems } from '../invoices/line-items.tsx';
import { emptyLine, liveTotals, splitErrors, type LineValues } from '../invoices/invoice-values.ts';
import { TotalsTable } from '../invoices/totals-table.tsx';
import { templateLines, templateValues, toCreate, toUpdate, useInvalidateRecurring, type Recurring } from './recurring-values.ts';

interface Props {
  /** The template to change; without it a new one is created. */
  template?: Recurring;
  preset: { customerId: string; startDate: string };
  onSaved: (saved: { id: string }) => void;
  onCancel: () => void;
}

/** Create or change a recurring invoice: customer, schedule, what happens to each invoice, texts and lines (the same line editor as a draft). */
export function RecurringForm({ template, preset, onSaved, onCancel }: Props) {
  const { t, tOr, tv, lang } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const invalidate = useInvalidateRecurring();
  const form = useForm(templateValues(template, preset));
  const [lines, setLines] = useState<LineValues[]>(() => (template ? templateLines(template, lang) : [emptyLine(lang)]));
  const [lineErrors, setLineErrors] = useState<Record<string, FieldErrors>>({});
  const v = form.values;
  const customer = useQuery({ ...trpc.crm.customers.get.queryOptions({ id: v.customerId }), enabled: !!v.customerId && can('crm.read') });
  // Amounts as the invoice will have them; a small business's come out without VAT at finalizing.
  const live = liveTotals(lines, 'standard', lang);
  const mayFinalize = can('invoices.finalize');

  const showErrors = (errors: FieldErrors, sent: LineValues[]) => {
    const split = splitErrors(errors, sent);
    form.setErrors(split.header);
    setLineErrors(split.lines);
  };
  const options = (sent: LineValues[]) => ({
    onSuccess: async (saved: { id: string }) => {
      await invalidate();
      onSaved(saved);
    },
    onError: (error: unknown) => showErrors(fieldErrorPaths(error), sent),
  });
  const create = useMutation(trpc.invoices.recurring.create.mutationOptions());
  const update = useMutation(trpc.invoices.recurring.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const sent = lines;
    const parsed = template ? toUpdate(template, v, sent, lang) : toCreate(v, sent, lang);
    if (!parsed.ok) return showErrors(parsed.errors, sent);
    showErrors({}, sent);
    if (template) update.mutate(parsed.data as Parameters<typeof update.mutate>[0], options(sent));
    else create.mutate(parsed.data as Parameters<typeof create.mutate>[0], options(sent));
  };
  const changeLines = (next: LineValues[]) => {
    setLines(next);
    if (form.errors.lines) form.setErrors((prev) => ({ ...prev, lines: [] }));
  };
  const customerLanguage = customer.data ? tOr(`language.${customer.data.language}`, customer.data.language) : null;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="recurring-form">
      <ErrorAlert error={create.error ?? update.error} />
      <Card title={t('recurring.sectionTemplate')}>
        <div className="form-grid">
          <TextField {...form.text('name')} label={t('recurring.name')} hint={t('recurring.nameHint')} testId="recurring-name" />
          <CustomerPicker
            {...form.text('customerId')}
            onChange={(id) => form.set('customerId', id)}
            label={t('invoice.customer')}
            current={template?.customer ?? (customer.data ? { id: customer.data.id, name: `${customer.data.name} (${customer.data.customerNumber})` } : null)}
            required
            wide
          />
          <SelectField
            {...form.text('language')}
            label={t('invoice.language')}
            options={enumOptions(LANGUAGES, 'language', tOr)}
            emptyLabel={customerLanguage ? t('invoice.languageOfCustomer', { language: customerLanguage }) : t('invoice.languageDefault')}
          />
          <TextField {...form.text('paymentTermsDays')} type="number" inputMode="numeric" label={t('invoice.paymentTermsDays')} hint={t('recurring.paymentTermsHint')} />
        </div>
      </Card>
      <Card title={t('recurring.sectionSchedule')}>
        <div className="form-grid">
          <SelectField {...form.text('interval')} label={t('recurring.interval')} options={enumOptions(RECURRING_INTERVALS, 'recurring.intervalName', tOr)} testId="recurring-interval" />
          <TextField {...form.text('startDate')} type="date" label={t('recurring.startDate')} hint={t('recurring.startDateHint')} testId="recurring-start" />
          <TextField {...form.text('endDate')} type="date" label={t('recurring.endDate')} hint={t('recurring.endDateHint')} testId="recurring-end" />
          <div className="field-wide">
            <CheckboxField {...form.check('active')} label={t('recurring.active')} testId="recurring-active" />
            <CheckboxField {...form.check('autoFinalize')} label={t('recurring.autoFinalize')} disabled={!mayFinalize} testId="recurring-auto-finalize" />
            <CheckboxField {...form.check('autoSend')} label={t('recurring.autoSend')} disabled={!mayFinalize || !v.autoFinalize} testId="recurring-auto-send" />
            <small className="hint">{mayFinalize ? t('recurring.autoHint') : t('recurring.autoNeedsPermission')}</small>
          </div>
        </div>
      </Card>
      <Card title={t('invoice.sectionLines')} testId="recurring-lines">
        {form.errors.lines?.length ? (
          <p className="field-error" role="alert" data-testid="recurring-lines-error">
            {form.errors.lines.map(tv).join(' ')}
          </p>
        ) : null}
        <LineItems lines={lines} onChange={changeLines} onAdd={() => changeLines([...lines, emptyLine(v.language || customer.data?.language || lang)])} checks={live.checks} nets={live.nets} errors={lineErrors} />
        <TotalsTable totals={live.totals} taxCase="standard" grossTestId="recurring-total-gross" />
      </Card>
      <Card title={t('invoice.sectionTexts')}>
        <div className="form-grid">
          <TextAreaField {...form.text('introText')} label={t('invoice.introText')} rows={3} />
          <TextAreaField {...form.text('footerText')} label={t('invoice.footerText')} rows={2} />
          <TextAreaField {...form.text('notes')} label={t('invoice.notes')} hint={t('invoice.notesHint')} rows={3} />
        </div>
      </Card>
      <div className="form-actions sticky-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="recurring-save">
          {pending ? t('common.saving') : template ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
