import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EINVOICE_FORMATS, ELECTRONIC_ADDRESS_SCHEMES } from '@workmate/domain/einvoice-out';
import { CUSTOMER_STATUSES, CUSTOMER_TYPES, LANGUAGES } from '@workmate/domain/enums';
import { CustomerCreateInput, CustomerUpdateInput } from '@workmate/domain/schemas/crm';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { changedKeys, pick, toFormValues, useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { CancelButton } from '../../ui/modal.tsx';

export type Customer = RouterOutputs['crm']['customers']['get'];

const FIELDS = ['name', 'type', 'status', 'email', 'phone', 'website', 'taxId', 'vatId', 'street', 'zipCode', 'city', 'country', 'countryCode', 'einvoiceFormat', 'buyerReference', 'electronicAddress', 'electronicAddressScheme', 'language', 'notes'] as const;
const DEFAULTS = { type: 'business', status: 'active', language: 'de', countryCode: 'DE', einvoiceFormat: 'none' };

/** Create (no `customer`) or edit a customer; an edit sends only the changed fields and the loaded version. */
export function CustomerForm({ customer, onSaved, onCancel }: { customer?: Customer; onSaved: (saved: { id: string }) => void; onCancel?: () => void }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = customer ? toFormValues(customer, FIELDS) : { ...toFormValues(null, FIELDS), ...DEFAULTS };
  const form = useForm(initial);

  const options = {
    onSuccess: async (saved: { id: string }) => {
      await queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });
      onSaved(saved);
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.crm.customers.create.mutationOptions(options));
  const update = useMutation(trpc.crm.customers.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!customer) {
      const parsed = CustomerCreateInput.safeParse(form.values);
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      return create.mutate(parsed.data);
    }
    const changed = changedKeys(form.values, initial);
    if (!changed.length) return onSaved(customer);
    const parsed = CustomerUpdateInput.safeParse({ id: customer.id, version: customer.version, ...pick(form.values, changed) });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    update.mutate(parsed.data);
  };

  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="customer-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() })} />
      <TextField {...form.text('name')} label={t('customer.name')} required wide />
      <SelectField {...form.text('type')} label={t('customer.type')} options={enumOptions(CUSTOMER_TYPES, 'customerType', tOr)} />
      <SelectField {...form.text('status')} label={t('customer.status')} options={enumOptions(CUSTOMER_STATUSES, 'customerStatus', tOr)} />
      <TextField {...form.text('email')} type="email" inputMode="email" label={t('customer.email')} />
      <TextField {...form.text('phone')} type="tel" label={t('customer.phone')} />
      <TextField {...form.text('website')} label={t('customer.website')} inputMode="url" />
      <SelectField {...form.text('language')} label={t('customer.language')} options={enumOptions(LANGUAGES, 'language', tOr)} />
      <TextField {...form.text('taxId')} label={t('customer.taxId')} />
      <TextField {...form.text('vatId')} label={t('customer.vatId')} />
      <TextField {...form.text('street')} label={t('customer.street')} wide />
      <TextField {...form.text('zipCode')} label={t('customer.zipCode')} />
      <TextField {...form.text('city')} label={t('customer.city')} />
      <TextField {...form.text('country')} label={t('customer.country')} />
      <TextField {...form.text('countryCode')} label={t('customer.countryCode')} />
      <SelectField {...form.text('einvoiceFormat')} label={t('customer.einvoiceFormat')} options={enumOptions(EINVOICE_FORMATS, 'einvoiceFormat', tOr)} testId="customer-einvoice-format" />
      <TextField {...form.text('buyerReference')} label={t('customer.buyerReference')} hint={t('customer.buyerReferenceHint')} />
      <TextField {...form.text('electronicAddress')} label={t('customer.electronicAddress')} />
      <SelectField {...form.text('electronicAddressScheme')} label={t('customer.electronicAddressScheme')} options={enumOptions(ELECTRONIC_ADDRESS_SCHEMES, 'addressScheme', tOr)} emptyLabel={t('common.none')} />
      <TextAreaField {...form.text('notes')} label={t('customer.notes')} />
      <div className="form-actions">
        {onCancel ? (
          <CancelButton onCancel={onCancel}>
            {t('common.cancel')}
          </CancelButton>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-customer">
          {pending ? t('common.saving') : customer ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
