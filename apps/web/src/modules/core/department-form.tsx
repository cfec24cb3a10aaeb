import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DepartmentCreateInput, DepartmentUpdateInput } from '@workmate/domain/schemas/core';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { withCurrent } from '../../ui/enum-options.ts';
import { SelectField, TextField, type Option } from '../../ui/form-fields.tsx';
import { changedKeys, pick, useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { CancelButton } from '../../ui/modal.tsx';

type Department = RouterOutputs['core']['departments']['list'][number];

export function DepartmentForm({ department, managers, onDone }: { department?: Department; managers: Option[]; onDone: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = {
    name: department?.name ?? '',
    code: department?.code ?? '',
    description: department?.description ?? '',
    managerId: department?.manager?.id ?? '',
  };
  const form = useForm(initial);
  const options = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() });
      onDone();
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.core.departments.create.mutationOptions(options));
  const update = useMutation(trpc.core.departments.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const values = { ...form.values, managerId: form.values.managerId || null };
    if (!department) {
      const parsed = DepartmentCreateInput.safeParse(values);
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      return create.mutate(parsed.data);
    }
    const changed = changedKeys(form.values, initial);
    if (!changed.length) return onDone();
    const parsed = DepartmentUpdateInput.safeParse({ id: department.id, version: department.version, ...pick(values, changed) });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    update.mutate(parsed.data);
  };

  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="department-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() })} />
      <TextField {...form.text('name')} label={t('department.name')} required />
      <TextField {...form.text('code')} label={t('department.code')} required />
      <SelectField {...form.text('managerId')} label={t('department.managerId')} options={withCurrent(managers, department?.manager)} emptyLabel={t('common.none')} />
      <TextField {...form.text('description')} label={t('department.description')} wide />
      <div className="form-actions">
        <CancelButton onCancel={onDone}>
          {t('common.cancel')}
        </CancelButton>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-department">
          {pending ? t('common.saving') : department ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
