import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ELECTRONIC_ADDRESS_SCHEMES } from '@workmate/domain/einvoice-out';
import { TIME_ROUNDING_STEPS } from '@workmate/domain/enums';
import { SettingsUpdateInput } from '@workmate/domain/schemas/core';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { Card } from '../../ui/page.tsx';
import { changedKeys, pick, toFormValues, useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { LogoField } from './logo-field.tsx';

type Settings = RouterOutputs['core']['settings']['get'];

const FIELDS = [
  'companyName', 'street', 'zipCode', 'city', 'country', 'email', 'phone', 'website', 'taxNumber', 'vatId',
  'managingDirector', 'registerCourt', 'registerNumber', 'bankName', 'iban', 'bic', 'logoDataUrl', 'defaultPaymentTermsDays', 'defaultSkontoPercent', 'defaultSkontoDays',
  'customerNumberPattern', 'invoiceNumberPattern', 'quoteNumberPattern', 'cancellationNumberPattern', 'creditNoteNumberPattern', 'projectNumberPattern',
  'timeRoundingMinutes', 'workdayStart', 'pdfTemplatePath', 'reminderDaysBeforeDue',
  'countryCode', 'contactName', 'contactPhone', 'contactEmail', 'electronicAddress', 'electronicAddressScheme',
  'chartOfAccounts', 'vatMethod',
] as const;
type Field = Exclude<(typeof FIELDS)[number], 'logoDataUrl'>;

type SectionTitle = 'settings.sectionCompany' | 'settings.sectionLegal' | 'settings.sectionBank' | 'settings.sectionNumbers' | 'settings.sectionTime' | 'settings.sectionInvoices' | 'settings.sectionEInvoice' | 'settings.sectionBookkeeping';

const SECTIONS: Array<{ title: SectionTitle; fields: Field[] }> = [
  { title: 'settings.sectionCompany', fields: ['companyName', 'street', 'zipCode', 'city', 'country', 'email', 'phone', 'website'] },
  { title: 'settings.sectionLegal', fields: ['managingDirector', 'registerCourt', 'registerNumber', 'taxNumber', 'vatId'] },
  { title: 'settings.sectionBank', fields: ['bankName', 'iban', 'bic', 'defaultPaymentTermsDays', 'defaultSkontoPercent', 'defaultSkontoDays'] },
  { title: 'settings.sectionNumbers', fields: ['customerNumberPattern', 'invoiceNumberPattern', 'quoteNumberPattern', 'cancellationNumberPattern', 'creditNoteNumberPattern', 'projectNumberPattern'] },
  { title: 'settings.sectionTime', fields: ['timeRoundingMinutes', 'workdayStart'] },
  { title: 'settings.sectionInvoices', fields: ['pdfTemplatePath', 'reminderDaysBeforeDue'] },
  { title: 'settings.sectionEInvoice', fields: ['countryCode', 'contactName', 'contactPhone', 'contactEmail', 'electronicAddress', 'electronicAddressScheme'] },
  { title: 'settings.sectionBookkeeping', fields: ['chartOfAccounts', 'vatMethod'] },
];

/** Whole numbers typed as text; empty is NaN, which the schema reports as missing. */
const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

export function SettingsForm({ settings, onSaved, onEdit }: { settings: Settings; onSaved: () => void; onEdit: () => void }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = { ...toFormValues(settings, FIELDS), smallBusiness: settings.smallBusiness };
  const form = useForm(initial);
  const update = useMutation(
    trpc.core.settings.update.mutationOptions({
      onSuccess: async () => {
        onSaved();
        await queryClient.invalidateQueries({ queryKey: trpc.core.settings.pathKey() });
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const changed = changedKeys(form.values, initial);
    if (!changed.length) return onSaved();
    const values = {
      ...form.values,
      defaultPaymentTermsDays: whole(form.values.defaultPaymentTermsDays),
      // Skonto: both empty = none for new invoices.
      defaultSkontoPercent: form.values.defaultSkontoPercent.trim() === '' ? null : form.values.defaultSkontoPercent,
      defaultSkontoDays: form.values.defaultSkontoDays.trim() === '' ? null : whole(form.values.defaultSkontoDays),
      reminderDaysBeforeDue: whole(form.values.reminderDaysBeforeDue),
      timeRoundingMinutes: Number(form.values.timeRoundingMinutes),
    };
    const parsed = SettingsUpdateInput.safeParse({ version: settings.version, ...pick(values, changed) });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    update.mutate(parsed.data);
  };

  const field = (name: Field) => {
    const props = { ...form.text(name), onChange: (v: string) => (onEdit(), form.set(name, v)), label: t(`settings.${name}`) };
    if (name === 'timeRoundingMinutes') {
      const options = TIME_ROUNDING_STEPS.map((step) => ({ value: String(step), label: step ? t('settings.roundingStep', { minutes: step }) : t('settings.roundingNone') }));
      return <SelectField key={name} {...props} options={options} hint={t('settings.timeRoundingHint')} />;
    }
    if (name === 'chartOfAccounts') return <SelectField key={name} {...props} options={[{ value: 'SKR03', label: 'SKR03' }, { value: 'SKR04', label: 'SKR04' }]} />;
    if (name === 'vatMethod') {
      const options = [{ value: 'soll', label: t('settings.vatMethodSoll') }, { value: 'ist', label: t('settings.vatMethodIst') }];
      return <SelectField key={name} {...props} options={options} hint={t('settings.vatMethodHint')} />;
    }
    if (name === 'workdayStart') return <TextField key={name} {...props} type="time" hint={t('settings.workdayStartHint')} />;
    if (name === 'defaultSkontoDays') return <TextField key={name} {...props} type="number" inputMode="numeric" />;
    if (name === 'defaultSkontoPercent') return <TextField key={name} {...props} inputMode="decimal" hint={t('invoice.skontoEmptyNone')} />;
    if (name === 'defaultPaymentTermsDays') return <TextField key={name} {...props} type="number" inputMode="numeric" />;
    if (name === 'reminderDaysBeforeDue') return <TextField key={name} {...props} type="number" inputMode="numeric" hint={t('settings.reminderDaysHint')} />;
    if (name === 'pdfTemplatePath') return <TextField key={name} {...props} placeholder="/srv/workmate/rechnung.hbs" hint={t('settings.pdfTemplatePathHint')} wide />;
    if (name === 'electronicAddressScheme') return <SelectField key={name} {...props} options={enumOptions(ELECTRONIC_ADDRESS_SCHEMES, 'addressScheme', tOr)} emptyLabel={t('common.none')} />;
    if (name === 'electronicAddress') return <TextField key={name} {...props} hint={t('settings.electronicAddressHint')} />;
    if (name === 'email' || name === 'contactEmail') return <TextField key={name} {...props} type="email" inputMode="email" />;
    if (name === 'companyName') return <TextField key={name} {...props} required wide />;
    return <TextField key={name} {...props} />;
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="settings-form">
      <ErrorAlert error={update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.core.settings.pathKey() })} />
      {SECTIONS.map((section) => (
        <Card key={section.title} title={t(section.title)}>
          {section.title === 'settings.sectionNumbers' ? <p className="muted small">{t('settings.numbersHint')}</p> : null}
          {section.title === 'settings.sectionEInvoice' ? <p className="muted small">{t('settings.einvoiceHint')}</p> : null}
          <div className="form-grid">
            {section.title === 'settings.sectionInvoices' ? (
              <div className="field-wide">
                <CheckboxField {...form.check('smallBusiness')} onChange={(v) => (onEdit(), form.set('smallBusiness', v))} label={t('settings.smallBusiness')} />
                <small className="hint">{t('settings.smallBusinessHint')}</small>
              </div>
            ) : null}
            {section.fields.map(field)}
          </div>
        </Card>
      ))}
      <Card title={t('settings.logo')}>
        <LogoField value={form.values.logoDataUrl} error={form.errors.logoDataUrl} onChange={(v) => (onEdit(), form.set('logoDataUrl', v))} />
      </Card>
      <div className="form-actions sticky-actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending} data-testid="save-settings">
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
