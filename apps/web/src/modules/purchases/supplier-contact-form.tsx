import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SupplierContactCreateInput, SupplierContactUpdateInput } from '@workmate/domain/schemas/purchases';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { CheckboxField, TextField } from '../../ui/form-fields.tsx';
import { changedKeys, pick, toFormValues, useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { CancelButton } from '../../ui/modal.tsx';

export type SupplierContact = RouterOutputs['purchases']['suppliers']['contacts']['list'][number];

const TEXT_FIELDS = ['name', 'position', 'email', 'phone'] as const;

/** Creates or edits a supplier's contact; the rules are the API's own schema. */
export function SupplierContactForm({ supplierId, contact, onDone }: { supplierId: string; contact?: SupplierContact; onDone: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = { ...toFormValues(contact, TEXT_FIELDS), isPrimary: contact?.isPrimary ?? false };
  const form = useForm<typeof initial>(initial);

  const options = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.purchases.suppliers.pathKey() });
      onDone();
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.purchases.suppliers.contacts.create.mutationOptions(options));
  const update = useMutation(trpc.purchases.suppliers.contacts.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!contact) {
      const parsed = SupplierContactCreateInput.safeParse({ ...form.values, supplierId });
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      return create.mutate(parsed.data);
    }
    const changed = changedKeys(form.values, initial);
    if (!changed.length) return onDone();
    const parsed = SupplierContactUpdateInput.safeParse({ id: contact.id, version: contact.version, ...pick(form.values, changed) });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    update.mutate(parsed.data);
  };

  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="supplier-contact-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.purchases.suppliers.pathKey() })} />
      <TextField {...form.text('name')} label={t('supplierContact.name')} required />
      <TextField {...form.text('position')} label={t('supplierContact.position')} />
      <TextField {...form.text('email')} type="email" inputMode="email" label={t('supplierContact.email')} />
      <TextField {...form.text('phone')} type="tel" label={t('supplierContact.phone')} />
      <CheckboxField {...form.check('isPrimary')} label={t('supplierContact.isPrimary')} />
      <div className="form-actions">
        <CancelButton onCancel={onDone}>{t('common.cancel')}</CancelButton>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-supplier-contact">
          {pending ? t('common.saving') : contact ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
