import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LANGUAGES, type InvoiceType } from '@workmate/domain/enums';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldErrorPaths, type FieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions, withCurrent } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useCan } from '../../lib/session.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { projectLabel } from '../../pickers/project-options.ts';
import { ArticleLinePicker } from './article-line-picker.tsx';
import { LineItems } from './line-items.tsx';
import { percentText, taxCaseOf, useInvalidateInvoices, type Invoice } from './invoice-options.ts';
import { emptyLine, newKey, headerValues, lineValues, liveTotals, splitErrors, toCreateInput, toUpdateInput, type LineValues, type ServiceMode } from './invoice-values.ts';
import { TotalsTable } from './totals-table.tsx';

interface Props {
  /** The draft to change; without it a new document is created. */
  invoice?: Invoice;
  preset?: { type: InvoiceType; customerId: string; projectId: string };
  onSaved: (saved: { id: string }) => void;
  onCancel: () => void;
}

/** Create or change a draft: customer, project, service date, texts and line items, with live totals. */
export function InvoiceForm({ invoice, preset = { type: 'invoice', customerId: '', projectId: '' }, onSaved, onCancel }: Props) {
  const { t, tOr, lang } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateInvoices();
  const form = useForm(headerValues(invoice, preset, lang));
  const [lines, setLines] = useState<LineValues[]>(() => (invoice ? lineValues(invoice, lang) : [emptyLine(lang)]));
  const [lineErrors, setLineErrors] = useState<Record<string, FieldErrors>>({});
  const v = form.values;

  const settings = useQuery({ ...trpc.core.settings.get.queryOptions(), enabled: can('core.read'), staleTime: 60_000 });
  const customer = useQuery({ ...trpc.crm.customers.get.queryOptions({ id: v.customerId }), enabled: !!v.customerId && can('crm.read') });
  const projects = useQuery({
    ...trpc.projects.list.queryOptions({ page: 1, pageSize: 200, customerId: v.customerId, sort: 'projectNumber', direction: 'desc' }),
    enabled: !!v.customerId && can('projects.read'),
  });

  // Without access to the settings, a draft's own tax case tells whether the company is a small business.
  const smallBusiness = settings.data?.smallBusiness ?? invoice?.taxCase === 'small_business';
  const taxCase = taxCaseOf(smallBusiness, v.reverseCharge);
  const live = liveTotals(lines, taxCase, lang);
  const documentLanguage = v.language || customer.data?.language || lang;

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
  const create = useMutation(trpc.invoices.create.mutationOptions());
  const update = useMutation(trpc.invoices.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // Errors come back by line index: remember which lines were sent.
    const sent = lines;
    if (invoice) {
      const parsed = toUpdateInput(invoice, v, sent, lang);
      if (!parsed.ok) return showErrors(parsed.errors, sent);
      showErrors({}, sent);
      return update.mutate(parsed.data, options(sent));
    }
    const parsed = toCreateInput(v, sent, lang);
    if (!parsed.ok) return showErrors(parsed.errors, sent);
    showErrors({}, sent);
    create.mutate(parsed.data, options(sent));
  };

  const changeLines = (next: LineValues[]) => {
    setLines(next);
    // A changed line's old messages no longer apply to it.
    setLineErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([key]) => next.find((l) => l.key === key) === lines.find((l) => l.key === key))));
    if (form.errors.lines) form.setErrors((prev) => ({ ...prev, lines: [] }));
  };

  const projectOptions = withCurrent(
    (projects.data?.items ?? []).map((p) => ({ value: p.id, label: projectLabel(p) })),
    invoice?.project && invoice.project.id === v.projectId ? { id: invoice.project.id, name: projectLabel(invoice.project) } : null,
  );
  const customerLanguage = customer.data ? tOr(`language.${customer.data.language}`, customer.data.language) : null;
  const isQuote = v.type === 'quote';
  const defaultDays = settings.data?.defaultPaymentTermsDays;
  const defaultSkonto = settings.data?.defaultSkontoPercent && settings.data.defaultSkontoDays ? { percent: percentText(settings.data.defaultSkontoPercent, lang), days: settings.data.defaultSkontoDays } : null;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="invoice-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.invoices.pathKey() })} />
      <Card title={t('invoice.sectionCustomer')}>
        <div className="form-grid">
          <CustomerPicker
            {...form.text('customerId')}
            onChange={(id) => {
              form.set('customerId', id);
              form.set('projectId', '');
            }}
            label={t('invoice.customer')}
            // A customer preset from the address may not be among the first search results.
            current={invoice?.customer ?? (customer.data ? { id: customer.data.id, name: `${customer.data.name} (${customer.data.customerNumber})` } : null)}
            required
            wide
          />
          {!invoice ? (
            <SelectField {...form.text('type')} label={t('invoice.type')} options={enumOptions(['invoice', 'quote'], 'invoiceType', tOr)} testId="invoice-type" />
          ) : null}
          <SelectField {...form.text('projectId')} label={t('invoice.project')} options={projectOptions} emptyLabel={t('common.none')} disabled={!v.customerId} />
          <SelectField
            {...form.text('language')}
            label={t('invoice.language')}
            options={enumOptions(LANGUAGES, 'language', tOr)}
            emptyLabel={invoice ? undefined : customerLanguage ? t('invoice.languageOfCustomer', { language: customerLanguage }) : t('invoice.languageDefault')}
          />
          <div className="field-wide">
            <CheckboxField {...form.check('reverseCharge')} label={t('invoice.reverseCharge')} />
            <small className="hint">{smallBusiness ? t('invoice.smallBusinessActive') : t('invoice.reverseChargeHint')}</small>
          </div>
        </div>
      </Card>
      <Card title={t('invoice.sectionService')}>
        <div className="form-grid">
          <fieldset className="mode-switch field-wide">
            <legend>{t('invoice.serviceMode')}</legend>
            {(['date', 'period'] as ServiceMode[]).map((mode) => (
              <label key={mode} className="toggle">
                <input type="radio" name="serviceMode" value={mode} checked={v.serviceMode === mode} onChange={() => form.set('serviceMode', mode)} data-testid={`service-mode-${mode}`} />
                {t(mode === 'date' ? 'invoice.serviceDate' : 'invoice.servicePeriod')}
              </label>
            ))}
          </fieldset>
          {v.serviceMode === 'date' ? (
            <TextField {...form.text('serviceDate')} type="date" label={t('invoice.serviceDate')} testId="invoice-service-date" />
          ) : (
            <>
              <TextField {...form.text('servicePeriodFrom')} type="date" label={t('invoice.servicePeriodFrom')} testId="invoice-service-from" />
              <TextField {...form.text('servicePeriodTo')} type="date" label={t('invoice.servicePeriodTo')} testId="invoice-service-to" />
            </>
          )}
          {isQuote ? (
            <TextField {...form.text('validUntil')} type="date" label={t('invoice.validUntil')} hint={t('invoice.validUntilHint')} />
          ) : (
            <TextField
              {...form.text('paymentTermsDays')}
              type="number"
              inputMode="numeric"
              label={t('invoice.paymentTermsDays')}
              hint={defaultDays !== undefined ? t('invoice.paymentTermsDaysHint', { days: defaultDays }) : undefined}
            />
          )}
          {!isQuote ? (
            <>
              <TextField
                {...form.text('skontoPercent')}
                inputMode="decimal"
                label={t('invoice.skontoPercent')}
                hint={invoice ? t('invoice.skontoEmptyNone') : defaultSkonto ? t('invoice.skontoDefaultHint', defaultSkonto) : t('invoice.skontoEmptyNone')}
                testId="invoice-skonto-percent"
              />
              <TextField {...form.text('skontoDays')} type="number" inputMode="numeric" label={t('invoice.skontoDays')} testId="invoice-skonto-days" />
            </>
          ) : null}
        </div>
      </Card>
      <Card title={t('invoice.sectionLines')} testId="invoice-lines">
        {form.errors.lines?.length ? <p className="field-error" role="alert">{form.errors.lines.join(' ')}</p> : null}
        <LineItems lines={lines} onChange={changeLines} onAdd={() => changeLines([...lines, emptyLine(documentLanguage)])} checks={live.checks} nets={live.nets} errors={lineErrors} />
        {can('inventory.read') ? <ArticleLinePicker newKey={newKey} onPick={(line) => changeLines([...lines.filter((l) => l.id || l.description.trim() || l.unitPrice.trim()), line])} /> : null}
        {live.skipped ? (
          <p className="muted small" data-testid="lines-skipped">
            {t('invoice.linesSkipped', { count: live.skipped })}
          </p>
        ) : null}
        <TotalsTable totals={live.totals} taxCase={taxCase} grossTestId="invoice-total-gross" />
      </Card>
      <Card title={t('invoice.sectionTexts')}>
        <div className="form-grid">
          <TextAreaField {...form.text('introText')} label={t('invoice.introText')} rows={3} />
          <TextAreaField {...form.text('paymentTerms')} label={t('invoice.paymentTerms')} hint={t('invoice.paymentTermsHint')} rows={2} />
          <TextAreaField {...form.text('footerText')} label={t('invoice.footerText')} rows={2} />
          <TextAreaField {...form.text('notes')} label={t('invoice.notes')} hint={t('invoice.notesHint')} rows={3} />
        </div>
      </Card>
      <div className="form-actions sticky-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="invoice-save">
          {pending ? t('common.saving') : invoice ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
