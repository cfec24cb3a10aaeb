import { useI18n } from '../../i18n/i18n.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { ApiTokens } from './api-tokens.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { useMe } from '../../lib/session.ts';
import { roleName } from '../core/role-labels.ts';

export function ProfilePage() {
  const { t, tOr } = useI18n();
  const me = useMe().data;
  if (!me) return <Loading />;
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Card>
        <dl className="details">
          <div>
            <dt>{t('employee.name')}</dt>
            <dd>
              {me.firstName} {me.lastName}
            </dd>
          </div>
          <div>
            <dt>{t('employee.email')}</dt>
            <dd>{me.email}</dd>
          </div>
          <div>
            <dt>{t('profile.role')}</dt>
            <dd>{me.roleName ? roleName(me.roleName, tOr) : t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('profile.permissions')}</dt>
            <dd className="mono">{me.permissions.join(', ') || t('common.none')}</dd>
          </div>
        </dl>
      </Card>
      <ChangePasswordForm />
      <ApiTokens />
    </>
  );
}
