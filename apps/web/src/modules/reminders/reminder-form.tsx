import { useMutation } from '@tanstack/react-query';
import { REMINDER_PRIORITIES } from '@workmate/domain/enums';
import { ReminderCreateInput, ReminderUpdateInput } from '@workmate/domain/schemas/reminders';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { useInvalidateReminders, type Reminder, type ReminderTarget } from './reminder-options.ts';
import { CancelButton } from '../../ui/modal.tsx';

interface Props {
  reminder?: Reminder;
  /** The record a new reminder is about. */
  target?: ReminderTarget | null;
  onDone: (saved: Reminder) => void;
  onCancel?: () => void;
  /** The short version in a popover: no description. */
  compact?: boolean;
}

/** Create or change a reminder: what, until when, how urgent. */
export function ReminderForm({ reminder, target, onDone, onCancel, compact }: Props) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateReminders();
  const initial = {
    title: reminder?.title ?? '',
    dueDate: reminder?.dueDate ?? addDays(berlinDay(), 1),
    priority: reminder?.priority ?? 'medium',
    description: reminder?.description ?? '',
  };
  const form = useForm(initial);
  const options = {
    onSuccess: async (saved: Reminder) => {
      await invalidate();
      if (!reminder) form.reset({ ...initial, title: '', description: '' });
      onDone(saved);
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.reminders.create.mutationOptions());
  const update = useMutation(trpc.reminders.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (reminder) {
      const parsed = ReminderUpdateInput.safeParse({ id: reminder.id, version: reminder.version, ...form.values });
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      return update.mutate(parsed.data, options);
    }
    const parsed = ReminderCreateInput.safeParse({ ...form.values, entity: target?.entity ?? null, entityId: target?.entityId ?? null });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data, options);
  };

  return (
    <form className={`form-grid${compact ? ' reminder-form-compact' : ''}`} onSubmit={onSubmit} noValidate data-testid="reminder-form">
      <ErrorAlert error={create.error ?? update.error} />
      <TextField {...form.text('title')} label={t('reminder.title')} required wide={compact} testId="reminder-title" />
      <TextField {...form.text('dueDate')} type="date" label={t('reminder.dueDate')} required testId="reminder-due" />
      <SelectField {...form.text('priority')} label={t('reminder.priority')} options={enumOptions(REMINDER_PRIORITIES, 'reminderPriority', tOr)} testId="reminder-priority" />
      {!compact ? <TextAreaField {...form.text('description')} label={t('reminder.description')} rows={3} testId="reminder-description" /> : null}
      <div className="form-actions">
        {onCancel ? (
          <CancelButton onCancel={onCancel}>
            {t('common.cancel')}
          </CancelButton>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="reminder-save">
          {pending ? t('common.saving') : reminder ? t('common.save') : t('reminder.add')}
        </button>
      </div>
    </form>
  );
}
