import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import { OPPORTUNITY_STAGES } from '@workmate/domain/sales';
import { OpportunityCreateInput } from '@workmate/domain/schemas/sales';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { readAmountFields } from '../../lib/number-input.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton } from '../../ui/modal.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

/** A new opportunity: customer, contact, title, stage, amount, probability, expected close. */
export function OpportunityForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t, tOr, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ customerId: '', contactId: '', title: '', stage: 'lead', amount: '', probability: '', expectedCloseDate: addDays(berlinDay(), 30), notes: '' });
  const contacts = useQuery({ ...trpc.crm.contacts.list.queryOptions({ customerId: form.values.customerId, pageSize: 200 }), enabled: Boolean(form.values.customerId) });
  const create = useMutation(
    trpc.sales.opportunities.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.sales.pathKey() });
        onDone();
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const typed = readAmountFields(form.values, ['amount'], lang);
    if (!typed.ok) return form.setErrors(typed.errors);
    const v = typed.values;
    const parsed = OpportunityCreateInput.safeParse({
      ...v,
      contactId: v.contactId || null,
      probability: v.probability.trim() === '' ? undefined : Number(v.probability),
      customerId: v.customerId || undefined,
    });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data);
  };
  const contactOptions = (contacts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}` }));
  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="opportunity-form">
      <ErrorAlert error={create.error} />
      <CustomerPicker {...form.text('customerId')} label={t('sales.customer')} required wide />
      <SelectField {...form.text('contactId')} label={t('sales.contact')} options={contactOptions} emptyLabel={t('common.none')} testId="opportunity-contact" />
      <TextField {...form.text('title')} label={t('sales.title')} required testId="opportunity-title" />
      <SelectField {...form.text('stage')} label={t('sales.stage')} options={enumOptions(OPPORTUNITY_STAGES, 'opportunityStage', tOr)} testId="opportunity-stage" />
      <TextField {...form.text('amount')} label={t('sales.amount')} inputMode="decimal" required testId="opportunity-amount" />
      <TextField {...form.text('probability')} label={t('sales.probability')} inputMode="numeric" hint={t('sales.probabilityHint')} testId="opportunity-probability" />
      <TextField {...form.text('expectedCloseDate')} type="date" label={t('sales.expectedCloseDate')} required testId="opportunity-close" />
      <TextAreaField {...form.text('notes')} label={t('sales.notes')} rows={3} />
      <div className="form-actions">
        <CancelButton onCancel={onCancel}>{t('common.cancel')}</CancelButton>
        <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="opportunity-save">
          {create.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
