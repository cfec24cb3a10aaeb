import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PROJECT_PRIORITIES, PROJECT_STATUSES } from '@workmate/domain/enums';
import { ProjectCreateInput, ProjectUpdateInput } from '@workmate/domain/schemas/projects';
import type { FormEvent } from 'react';
import { useI18n, type Lang } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions, withCurrent } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';
import { changedKeys, toFormValues, useForm, zodFieldErrors, type FormValues } from '../../ui/use-form.ts';
import { useCan } from '../../lib/session.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import type { Project } from './project-options.ts';
import { readAmountFields } from '../../lib/number-input.ts';
import { CancelButton } from '../../ui/modal.tsx';
import { REQUIRED } from '../../lib/field-errors.ts';

const PLAIN = ['title', 'status', 'priority', 'startDate', 'endDate', 'deadline', 'description', 'notes'] as const;
const EMPTY_IS_NULL = ['departmentId', 'projectManagerId'];

/** Amounts are shown with the decimal comma in German; the schema accepts either. */
const moneyText = (amount: string | null | undefined, lang: Lang) => (amount ? (lang === 'de' ? amount.replace('.', ',') : amount) : '');

function toValues(p: Project | undefined, lang: Lang) {
  const plain = toFormValues(p, PLAIN);
  return {
    ...plain,
    status: plain.status || 'planning',
    priority: plain.priority || 'medium',
    customerId: p?.customer.id ?? '',
    departmentId: p?.department?.id ?? '',
    projectManagerId: p?.projectManager?.id ?? '',
    budget: moneyText(p?.budget, lang),
    hourlyRate: moneyText(p?.hourlyRate, lang),
    billableByDefault: p?.billableByDefault ?? true,
  };
}

function normalize(values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const key of EMPTY_IS_NULL) if (out[key] === '') out[key] = null;
  return out;
}

/** Create (no `project`) or edit a project; an edit sends only the changed fields and the loaded version. */
export function ProjectForm({ project, onSaved, onCancel }: { project?: Project; onSaved: (saved: { id: string }) => void; onCancel: () => void }) {
  const { t, tOr, lang } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const initial = toValues(project, lang);
  const form = useForm(initial);
  const departments = useQuery({ ...trpc.core.departments.list.queryOptions(), enabled: can('core.read') });
  const people = useQuery({ ...trpc.core.employees.list.queryOptions({ page: 1, pageSize: 200, sort: 'lastName', direction: 'asc' }), enabled: can('core.read') });

  const options = {
    onSuccess: async (saved: { id: string }) => {
      await queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
      onSaved(saved);
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.projects.create.mutationOptions(options));
  const update = useMutation(trpc.projects.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const typed = readAmountFields(form.values, ['budget', 'hourlyRate'], lang);
    if (!typed.ok) return form.setErrors(typed.errors);
    if (!project) {
      const parsed = ProjectCreateInput.safeParse(normalize(typed.values));
      if (!parsed.success) {
        const errors = zodFieldErrors(parsed.error);
        if (!form.values.customerId) errors.customerId = [REQUIRED];
        return form.setErrors(errors);
      }
      return create.mutate(parsed.data);
    }
    if (!changedKeys(form.values, initial).length) return onSaved(project);
    // All fields, not only the changed ones: ProjectUpdateInput fills in the create defaults
    // (status, priority, billableByDefault) for fields left out, which would reset them.
    const parsed = ProjectUpdateInput.safeParse({ id: project.id, version: project.version, ...normalize(typed.values) });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    update.mutate(parsed.data);
  };

  const none = t('common.none');
  const departmentOptions = withCurrent((departments.data ?? []).map((d) => ({ value: d.id, label: d.name })), project?.department);
  const managerOptions = withCurrent(
    (people.data?.items ?? []).filter((p) => !p.deletedAt).map((p) => ({ value: p.id, label: `${p.lastName}, ${p.firstName}` })),
    project?.projectManager,
  );
  const moneyHint = t('project.moneyHint');

  return (
    <form onSubmit={onSubmit} noValidate data-testid="project-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() })} />
      <Card title={t('project.sectionMain')}>
        <div className="form-grid">
          <TextField {...form.text('title')} label={t('project.title')} required wide />
          <CustomerPicker {...form.text('customerId')} label={t('project.customer')} current={project?.customer} required />
          <SelectField {...form.text('departmentId')} label={t('project.department')} options={departmentOptions} emptyLabel={none} />
          <SelectField {...form.text('projectManagerId')} label={t('project.projectManager')} options={managerOptions} emptyLabel={none} />
          <SelectField {...form.text('status')} label={t('project.status')} options={enumOptions(PROJECT_STATUSES, 'projectStatus', tOr)} />
          <SelectField {...form.text('priority')} label={t('project.priority')} options={enumOptions(PROJECT_PRIORITIES, 'projectPriority', tOr)} />
        </div>
      </Card>
      <Card title={t('project.sectionPlan')}>
        <div className="form-grid">
          <TextField {...form.text('startDate')} type="date" label={t('project.startDate')} />
          <TextField {...form.text('endDate')} type="date" label={t('project.endDate')} />
          <TextField {...form.text('deadline')} type="date" label={t('project.deadline')} />
          <TextField {...form.text('budget')} label={t('project.budget')} hint={moneyHint} inputMode="decimal" />
          <TextField {...form.text('hourlyRate')} label={t('project.hourlyRate')} hint={moneyHint} inputMode="decimal" />
          <CheckboxField {...form.check('billableByDefault')} label={t('project.billableByDefault')} />
          <TextAreaField {...form.text('description')} label={t('project.description')} rows={4} />
          <TextAreaField {...form.text('notes')} label={t('project.notes')} rows={3} />
        </div>
      </Card>
      <div className="form-actions sticky-actions">
        <CancelButton onCancel={onCancel}>
          {t('common.cancel')}
        </CancelButton>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-project">
          {pending ? t('common.saving') : project ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
