import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ContactCreateInput, ContactUpdateInput } from '@workmate/domain/schemas/crm';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { changedKeys, pick, toFormValues, useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { CancelButton } from '../../ui/modal.tsx';

export type Contact = RouterOutputs['crm']['contacts']['list']['items'][number];

const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'mobile', 'position', 'department', 'notes'] as const;

export function ContactForm({ customerId, contact, onDone }: { customerId: string; contact?: Contact; onDone: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = { ...toFormValues(contact, TEXT_FIELDS), isPrimary: contact?.isPrimary ?? false };
  const form = useForm<typeof initial>(initial);

  const options = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });
      onDone();
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.crm.contacts.create.mutationOptions(options));
  const update = useMutation(trpc.crm.contacts.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!contact) {
      const parsed = ContactCreateInput.safeParse({ ...form.values, customerId });
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      return create.mutate(parsed.data);
    }
    const changed = changedKeys(form.values, initial);
    if (!changed.length) return onDone();
    const parsed = ContactUpdateInput.safeParse({ id: contact.id, version: contact.version, ...pick(form.values, changed) });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    update.mutate(parsed.data);
  };

  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="contact-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() })} />
      <TextField {...form.text('firstName')} label={t('contact.firstName')} required />
      <TextField {...form.text('lastName')} label={t('contact.lastName')} required />
      <TextField {...form.text('email')} type="email" inputMode="email" label={t('contact.email')} />
      <TextField {...form.text('phone')} type="tel" label={t('contact.phone')} />
      <TextField {...form.text('mobile')} type="tel" label={t('contact.mobile')} />
      <TextField {...form.text('position')} label={t('contact.position')} />
      <TextField {...form.text('department')} label={t('contact.department')} />
      <CheckboxField {...form.check('isPrimary')} label={t('contact.isPrimary')} />
      <TextAreaField {...form.text('notes')} label={t('contact.notes')} rows={3} />
      <div className="form-actions">
        <CancelButton onCancel={onDone}>
          {t('common.cancel')}
        </CancelButton>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-contact">
          {pending ? t('common.saving') : contact ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
