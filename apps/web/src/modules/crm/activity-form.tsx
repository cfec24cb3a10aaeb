import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ACTIVITY_TYPES } from '@workmate/domain/enums';
import { ActivityCreateInput } from '@workmate/domain/schemas/crm';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinLocalToIso, nowBerlinLocal } from '@workmate/domain/berlin-time';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

const fresh = () => ({ type: 'call', subject: '', description: '', occurredAt: nowBerlinLocal() });

/** Log a call, meeting, email or note; the time is typed as Berlin wall-clock time. */
export function ActivityForm({ customerId }: { customerId: string }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm(fresh());
  const [saved, setSaved] = useState(false);

  const create = useMutation(
    trpc.crm.activities.create.mutationOptions({
      onSuccess: async () => {
        form.reset(fresh());
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() });
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const occurredAt = berlinLocalToIso(form.values.occurredAt);
    if (!occurredAt) return form.setErrors({ occurredAt: [t('activity.invalidTime')] });
    const parsed = ActivityCreateInput.safeParse({ ...form.values, customerId, occurredAt });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data);
  };

  return (
    <form className="form-grid activity-form" onSubmit={onSubmit} noValidate data-testid="activity-form">
      <h3 className="form-title">{t('activity.log')}</h3>
      {saved ? <Alert kind="success">{t('activity.logged')}</Alert> : null}
      <ErrorAlert error={create.error} />
      <SelectField {...form.text('type')} label={t('activity.type')} options={enumOptions(ACTIVITY_TYPES, 'activityType', tOr)} />
      <TextField {...form.text('occurredAt')} type="datetime-local" label={t('activity.occurredAt')} hint={t('activity.occurredAtHint')} required />
      <TextField {...form.text('subject')} label={t('activity.subject')} required wide />
      <TextAreaField {...form.text('description')} label={t('activity.description')} rows={3} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="save-activity">
          {create.isPending ? t('common.saving') : t('activity.submit')}
        </button>
      </div>
    </form>
  );
}
