import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { isErrorCode } from '@workmate/domain/error-codes';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { describeError } from '../../ui/alert.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { LangSwitch } from '../../ui/lang-switch.tsx';
import { Loading } from '../../ui/page.tsx';
import { HOME_PATH, useMe } from '../../lib/session.ts';

/** Only same-site paths are followed after sign-in. */
function safeNext(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginPage() {
  const { t, tv } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const search = useSearch();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // A demo installation says so (and how to sign in) before anyone types real data into it.
  const instance = useQuery(trpc.auth.instance.queryOptions(undefined, { staleTime: 5 * 60_000 }));

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        // The shell needs the signed-in user at once; fetched before leaving the form.
        await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
        navigate(safeNext(search) ?? HOME_PATH, { replace: true });
      },
    }),
  );

  if (me.isPending) return <Loading />;
  if (me.data && !login.isPending) return <Redirect to={safeNext(search) ?? HOME_PATH} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password });
  };

  const info = login.error ? errorInfo(login.error) : null;
  // A refused OIDC sign-in comes back here with its error code (`/login?oidcError=auth.oidcNoAccount`).
  const oidcError = new URLSearchParams(search).get('oidcError');
  const oidc = instance.data?.oidc ?? null;
  const next = safeNext(search);
  const message = !info
    ? oidcError && isErrorCode(oidcError)
      ? tv({ code: oidcError, params: {} })
      : null
    : info.code === 'TOO_MANY_REQUESTS'
      ? info.issue
        ? tv(info.issue)
        : t('login.tooMany')
      : info.code === 'UNAUTHORIZED'
        ? t('login.failed')
        : describeError(login.error, t, tv);

  return (
    <main className="login-page">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <form className="card login-card" onSubmit={onSubmit} noValidate data-testid="login-form" data-instance={instance.data ? (instance.data.demo ? 'demo' : 'installation') : 'unknown'}>
        <p className="brand brand-large">{t('app.name')}</p>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {instance.data?.demoSignIn ? (
          <div className="alert alert-warning" role="note" data-testid="demo-notice">
            <strong>{t('login.demoTitle')}</strong>
            <br />
            {t('login.demoText', { email: instance.data.demoSignIn.email, password: instance.data.demoSignIn.password })}
          </div>
        ) : null}
        {message ? (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {message}
          </div>
        ) : null}
        <TextField name="email" type="email" label={t('login.email')} value={email} onChange={setEmail} autoComplete="username" inputMode="email" required error={info?.fieldErrors.email} />
        <TextField name="password" type="password" label={t('login.password')} value={password} onChange={setPassword} autoComplete="current-password" required error={info?.fieldErrors.password} />
        <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
        {oidc ? (
          <>
            <p className="login-or">{t('login.or')}</p>
            {/* A full page load: the API sends the browser on to the provider. */}
            <a className="btn btn-block" href={`/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`} data-testid="oidc-sign-in">
              {t('login.oidc', { label: oidc.label })}
            </a>
          </>
        ) : null}
      </form>
    </main>
  );
}
