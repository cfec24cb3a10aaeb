import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Loading } from '../../ui/page.tsx';

/**
 * An employee's identities at the OpenID provider (admins only, with OIDC on). Unlinking lets a
 * person whose account at the provider was replaced sign in again: the next sign-in links anew
 * by the verified email.
 */
export function EmployeeOidcLinks({ employeeId }: { employeeId: string }) {
  const { t, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const links = useQuery(trpc.auth.oidcLinks.list.queryOptions({ id: employeeId }));
  const remove = useMutation(
    trpc.auth.oidcLinks.remove.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.oidcLinks.list.queryKey({ id: employeeId }) }) }),
  );
  return (
    <Card title={t('oidcLink.title')} testId="oidc-links">
      <ErrorAlert error={links.error ?? remove.error} onRetry={links.error ? () => void links.refetch() : undefined} />
      {links.isPending ? (
        <Loading />
      ) : links.data?.length ? (
        <ul className="plain-list">
          {links.data.map((link) => (
            <li key={link.id}>
              <span className="mono">{link.issuer}</span> · <span className="mono">{link.subject}</span> · <span className="muted">{t('oidcLink.since', { date: formatDateTime(link.createdAt) })}</span>{' '}
              <button
                type="button"
                className="btn btn-small btn-danger"
                disabled={remove.isPending}
                onClick={() => window.confirm(t('oidcLink.confirmRemove')) && remove.mutate({ id: link.id })}
              >
                {t('oidcLink.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : links.data ? (
        <p className="muted">{t('oidcLink.none')}</p>
      ) : null}
    </Card>
  );
}
