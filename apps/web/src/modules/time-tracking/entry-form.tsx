import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TASK_TYPES } from '@workmate/domain/enums';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions, withCurrent } from '../../ui/enum-options.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useCan, useMe } from '../../lib/session.ts';
import { projectLabel, useProjectOptions } from '../../pickers/project-options.ts';
import { entryValues, toCreateInput, toFormErrors, toUpdateInput, type Entry, type EntryMode } from './entry-values.ts';
import { useInvalidateTime } from './use-invalidate-time.ts';
import { readAmountFields } from '../../lib/number-input.ts';
import { CancelButton } from '../../ui/modal.tsx';

/** Record time by hand (start and end, or a day and a duration), or change an entry. */
export function EntryForm({ entry, onDone }: { entry?: Entry; onDone: () => void }) {
  const { t, tOr, lang } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTime();
  const initial = entryValues(entry, lang);
  const form = useForm(initial);
  const { options: projects } = useProjectOptions();
  const manage = can('timeTracking.manage') && !entry;
  const people = useQuery({ ...trpc.core.employees.list.queryOptions({ page: 1, pageSize: 200, sort: 'lastName', direction: 'asc' }), enabled: manage && can('core.read') });
  const messages = { invalidTime: t('time.invalidTime'), invalidDuration: t('time.invalidDuration') };

  const options = {
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
    onError: (error: unknown) => form.setErrors(toFormErrors(errorInfo(error).fieldErrors)),
  };
  const create = useMutation(trpc.timeTracking.entries.create.mutationOptions(options));
  const update = useMutation(trpc.timeTracking.entries.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // The rate as typed ("1.250,00") → "1250.00"; the loaded one the same way, so an untouched rate stays unchanged.
    const typed = readAmountFields(form.values, ['hourlyRate'], lang);
    if (!typed.ok) return form.setErrors(typed.errors);
    if (!entry) {
      const result = toCreateInput(typed.values, messages);
      return result.ok ? create.mutate(result.data) : form.setErrors(result.errors);
    }
    const typedInitial = readAmountFields(initial, ['hourlyRate'], lang);
    const result = toUpdateInput(entry, typed.values, typedInitial.ok ? typedInitial.values : initial, messages);
    if (!result.ok) return form.setErrors(result.errors);
    if (!result.data) return onDone();
    update.mutate(result.data);
  };

  const mode = form.values.mode;
  const setMode = (next: EntryMode) => form.set('mode', next);
  const projectOptions = withCurrent(projects, entry?.project ? { id: entry.project.id, name: projectLabel(entry.project) } : null);
  const billableOptions = [
    ...(entry ? [] : [{ value: '', label: t('time.billableDefault') }]),
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const employeeOptions = (people.data?.items ?? []).filter((p) => !p.deletedAt).map((p) => ({ value: p.id, label: `${p.lastName}, ${p.firstName}` }));

  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="entry-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.timeTracking.pathKey() })} />
      {entry && !entry.endTime ? <Alert kind="info">{t('time.runningHint')}</Alert> : null}
      {manage ? (
        <SelectField {...form.text('employeeId')} label={t('time.employee')} options={employeeOptions} emptyLabel={me ? `${me.firstName} ${me.lastName}` : t('common.none')} />
      ) : null}
      <SelectField {...form.text('projectId')} label={t('time.project')} options={projectOptions} emptyLabel={t('time.internal')} />
      <SelectField {...form.text('taskType')} label={t('time.taskType')} options={enumOptions(TASK_TYPES, 'taskType', tOr)} />
      <fieldset className="mode-switch field-wide" disabled={!!entry && !entry.endTime}>
        <legend>{t('time.mode')}</legend>
        <label className="toggle">
          <input type="radio" name="mode" value="range" checked={mode === 'range'} onChange={() => setMode('range')} data-testid="entry-mode-range" />
          {t('time.modeRange')}
        </label>
        <label className="toggle">
          <input type="radio" name="mode" value="duration" checked={mode === 'duration'} onChange={() => setMode('duration')} data-testid="entry-mode-duration" />
          {t('time.modeDuration')}
        </label>
      </fieldset>
      {mode === 'range' ? (
        <>
          <TextField {...form.text('startTime')} type="datetime-local" label={t('time.start')} hint={t('time.berlinHint')} required disabled={!!entry && !entry.endTime} />
          <TextField {...form.text('endTime')} type="datetime-local" label={t('time.end')} hint={t('time.berlinHint')} required disabled={!!entry && !entry.endTime} />
        </>
      ) : (
        <>
          <TextField {...form.text('date')} type="date" label={t('time.date')} required disabled={!!entry} hint={entry ? t('time.durationKeepsStart') : undefined} />
          <TextField {...form.text('duration')} label={t('time.duration')} hint={t('time.durationHint')} placeholder="1:30" required />
        </>
      )}
      <SelectField {...form.text('billable')} label={t('time.billable')} options={billableOptions} />
      {/* Only rate holders may set one (the server refuses others); without the field the entry keeps its rate. */}
      {can('timeTracking.rates') ? <TextField {...form.text('hourlyRate')} label={t('time.hourlyRate')} hint={t('time.hourlyRateHint')} inputMode="decimal" /> : null}
      <TextAreaField {...form.text('note')} label={t('time.note')} rows={2} />
      <div className="form-actions">
        <CancelButton onCancel={onDone}>
          {t('common.cancel')}
        </CancelButton>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-entry">
          {pending ? t('common.saving') : entry ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
