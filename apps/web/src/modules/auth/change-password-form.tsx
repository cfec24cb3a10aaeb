import { useMutation } from '@tanstack/react-query';
import { ChangePasswordInput } from '@workmate/domain/schemas/auth';
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordForm() {
  const t = useT();
  const trpc = useTRPC();
  const form = useForm(EMPTY);
  const [done, setDone] = useState(false);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        form.reset(EMPTY);
        setDone(true);
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const { confirmPassword, ...input } = form.values;
    const parsed = ChangePasswordInput.safeParse(input);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (confirmPassword !== input.newPassword) errors.confirmPassword = [t('profile.passwordMismatch')];
    if (!parsed.success || errors.confirmPassword) return form.setErrors(errors);
    change.mutate(parsed.data);
  };

  return (
    <Card title={t('profile.changePassword')} testId="change-password">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        {done ? <Alert kind="success">{t('profile.passwordChanged')}</Alert> : null}
        <ErrorAlert error={change.error} />
        <TextField {...form.text('currentPassword')} type="password" label={t('profile.currentPassword')} autoComplete="current-password" required />
        <TextField {...form.text('newPassword')} type="password" label={t('profile.newPassword')} autoComplete="new-password" hint={t('profile.passwordHint')} required />
        <TextField {...form.text('confirmPassword')} type="password" label={t('profile.confirmPassword')} autoComplete="new-password" required />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={change.isPending}>
            {change.isPending ? t('common.saving') : t('profile.changePassword')}
          </button>
        </div>
      </form>
    </Card>
  );
}
