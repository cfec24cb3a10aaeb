import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EmployeeCreateInput, EmployeeUpdateInput } from '@workmate/domain/schemas/core';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { withCurrent } from '../../ui/enum-options.ts';
import { changedKeys, pick, useForm, zodFieldErrors, type FormValues } from '../../ui/use-form.ts';
import { EmployeeFields } from './employee-fields.tsx';
import { toValues, type Employee } from './employee-values.ts';
import { readAmountFields } from '../../lib/number-input.ts';
import { roleName } from './role-labels.ts';
import { CancelButton } from '../../ui/modal.tsx';

const EMPTY_IS_NULL = ['gender', 'departmentId', 'roleId', 'reportsToId'];

/** Empty selects mean "none"; an empty password means "leave as it is". */
function normalize(values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const key of EMPTY_IS_NULL) if (out[key] === '') out[key] = null;
  if (out.password === '') out.password = undefined;
  return out;
}

export function EmployeeForm({ employee, readOnly, onSaved }: { employee?: Employee; readOnly: boolean; onSaved: () => void }) {
  const { t, tOr, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = toValues(employee);
  const form = useForm(initial);
  const departments = useQuery(trpc.core.departments.list.queryOptions());
  const roles = useQuery(trpc.core.roles.list.queryOptions());
  const people = useQuery(trpc.core.employees.list.queryOptions({ page: 1, pageSize: 200, sort: 'lastName', direction: 'asc' }));

  const options = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() });
      onSaved();
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.core.employees.create.mutationOptions(options));
  const update = useMutation(trpc.core.employees.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const typed = readAmountFields(form.values, ['defaultHourlyRate'], lang);
    if (!typed.ok) return form.setErrors(typed.errors);
    if (!employee) {
      const parsed = EmployeeCreateInput.safeParse(normalize(typed.values));
      if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
      return create.mutate(parsed.data);
    }
    const changed = changedKeys(form.values, initial);
    if (!changed.length) return onSaved();
    const parsed = EmployeeUpdateInput.safeParse({ id: employee.id, version: employee.version, ...pick(normalize(typed.values), changed) });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    update.mutate(parsed.data);
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="employee-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() })} />
      <fieldset disabled={readOnly} className="plain-fieldset">
        <EmployeeFields
          form={form}
          isNew={!employee}
          departments={withCurrent((departments.data ?? []).map((d) => ({ value: d.id, label: d.name })), employee?.department)}
          roles={withCurrent((roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r.name, tOr) })), employee?.role)}
          people={withCurrent(
            (people.data?.items ?? []).filter((p) => p.id !== employee?.id).map((p) => ({ value: p.id, label: `${p.lastName}, ${p.firstName}` })),
            employee?.reportsTo,
          )}
        />
      </fieldset>
      {!readOnly ? (
        <div className="form-actions sticky-actions">
          <CancelButton onCancel={onSaved}>
            {t('common.cancel')}
          </CancelButton>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-employee">
            {pending ? t('common.saving') : employee ? t('common.save') : t('common.create')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
