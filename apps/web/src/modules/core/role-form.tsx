import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RoleCreateInput, RoleUpdateInput } from '@workmate/domain/schemas/core';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { errorInfo, type FieldErrors } from '../../lib/errors.ts';
import { problemOf, type FieldProblem } from '../../lib/field-errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import type { z } from 'zod';
import { CancelButton } from '../../ui/modal.tsx';

export type Role = RouterOutputs['core']['roles']['list'][number];

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Permission errors come back per line (`permissions.3`): show them with the line's text. */
function roleErrors(error: z.ZodError, permissions: string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const [key, index] = issue.path;
    const field = String(key ?? '_');
    // The line's text before its problem; the two are shown joined by a space.
    const prefix: FieldProblem[] = field === 'permissions' && typeof index === 'number' ? [`${permissions[index]}:`] : [];
    (out[field] ??= []).push(...prefix, problemOf(issue));
  }
  return out;
}

export function RoleForm({ role, onDone }: { role?: Role; onDone: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ name: role?.name ?? '', description: role?.description ?? '', permissions: (role?.permissions ?? []).join('\n') });
  const options = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      onDone();
    },
    onError: (error: unknown) => form.setErrors(errorInfo(error).fieldErrors),
  };
  const create = useMutation(trpc.core.roles.create.mutationOptions(options));
  const update = useMutation(trpc.core.roles.update.mutationOptions(options));
  const pending = create.isPending || update.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const permissions = lines(form.values.permissions);
    const values = { name: form.values.name, description: form.values.description, permissions };
    if (!role) {
      const parsed = RoleCreateInput.safeParse(values);
      if (!parsed.success) return form.setErrors(roleErrors(parsed.error, permissions));
      return create.mutate(parsed.data);
    }
    const parsed = RoleUpdateInput.safeParse({ id: role.id, version: role.version, ...values });
    if (!parsed.success) return form.setErrors(roleErrors(parsed.error, permissions));
    update.mutate(parsed.data);
  };

  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="role-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() })} />
      {role?.isSystem ? <Alert kind="info">{t('role.builtInHint')}</Alert> : null}
      <TextField {...form.text('name')} label={t('role.name')} required wide />
      <TextField {...form.text('description')} label={t('role.description')} wide />
      <TextAreaField {...form.text('permissions')} label={t('role.permissions')} hint={t('role.permissionsHint')} rows={8} />
      <div className="form-actions">
        <CancelButton onCancel={onDone}>
          {t('common.cancel')}
        </CancelButton>
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="save-role">
          {pending ? t('common.saving') : role ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
