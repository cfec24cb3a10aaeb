import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiTokenCreateInput } from '@workmate/domain/schemas/auth';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card, Empty, Loading } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { TokenSecret } from './token-secret.tsx';

export function ApiTokens() {
  const { t, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.auth.apiTokens.list.queryOptions());
  const form = useForm({ name: '', expiresInDays: '', password: '' });
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.apiTokens.list.queryKey() });

  const create = useMutation(
    trpc.auth.apiTokens.create.mutationOptions({
      onSuccess: (result) => {
        setSecret(result.token);
        form.reset({ name: '', expiresInDays: '', password: '' });
        void refresh();
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const revoke = useMutation(trpc.auth.apiTokens.revoke.mutationOptions({ onSuccess: () => void refresh() }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const days = form.values.expiresInDays.trim();
    const parsed = ApiTokenCreateInput.safeParse({ name: form.values.name, expiresInDays: days ? Number(days) : null, password: days ? undefined : form.values.password });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    if (!days && !form.values.password) return form.setErrors({ password: [t('tokens.passwordRequired')] });
    setSecret(null);
    create.mutate(parsed.data);
  };

  const statusOf = (token: { revokedAt: string | null; expiresAt: string | null }) => {
    if (token.revokedAt) return <Badge tone="danger">{t('tokens.revoked')}</Badge>;
    if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return <Badge tone="warning">{t('tokens.expired')}</Badge>;
    return <Badge tone="success">{t('tokens.active')}</Badge>;
  };

  return (
    <Card title={t('tokens.title')} testId="api-tokens">
      <p className="muted">{t('tokens.intro')}</p>
      {secret ? <TokenSecret secret={secret} onDismiss={() => setSecret(null)} /> : null}
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={create.error} />
        <TextField {...form.text('name')} label={t('tokens.name')} required testId="token-name" />
        <TextField {...form.text('expiresInDays')} type="number" inputMode="numeric" label={t('tokens.expiresInDays')} hint={t('tokens.expiresHint')} />
        {/* A token that never expires needs the password again (the server checks it). */}
        {form.values.expiresInDays.trim() === '' ? (
          <TextField {...form.text('password')} type="password" autoComplete="current-password" label={t('tokens.password')} hint={t('tokens.passwordHint')} required testId="token-password" />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="create-token">
            {t('tokens.create')}
          </button>
        </div>
      </form>
      <ErrorAlert error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <Loading />
      ) : !tokens.data?.length ? (
        <Empty>{t('tokens.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('tokens.name')}</th>
                <th>{t('tokens.prefix')}</th>
                <th>{t('tokens.createdAt')}</th>
                <th>{t('tokens.lastUsedAt')}</th>
                <th>{t('tokens.expiresAt')}</th>
                <th>{t('tokens.status')}</th>
                <th>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id} data-testid="token-row">
                  <td>{token.name}</td>
                  <td className="mono">{token.prefix}…</td>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('tokens.never')}</td>
                  <td>{token.expiresAt ? formatDateTime(token.expiresAt) : t('tokens.never')}</td>
                  <td>{statusOf(token)}</td>
                  <td className="cell-actions">
                    {!token.revokedAt ? (
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        disabled={revoke.isPending}
                        onClick={() => window.confirm(t('tokens.confirmRevoke', { name: token.name })) && revoke.mutate({ id: token.id })}
                        data-testid="revoke-token"
                      >
                        {t('tokens.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
