import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { PeriodLock } from '../time-tracking/period-lock.tsx';
import { SettingsForm } from './settings-form.tsx';

export function SettingsPage() {
  const { t, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const settings = useQuery(trpc.core.settings.get.queryOptions());
  const [saved, setSaved] = useState(false);
  const can = useCan();

  return (
    <>
      <PageHeader title={t('settings.title')}>
        {settings.data ? <span className="muted small">{t('settings.updatedAt', { at: formatDateTime(settings.data.updatedAt) })}</span> : null}
      </PageHeader>
      {saved ? <Alert kind="success" testId="settings-saved">{t('common.saved')}</Alert> : null}
      <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      {settings.isPending ? (
        <Loading />
      ) : settings.data ? (
        <>
          {can('timeTracking.lock') ? <PeriodLock lockedUntil={settings.data.timeLockedUntil ?? null} /> : null}
          <SettingsForm key={settings.data.version} settings={settings.data} onSaved={() => setSaved(true)} onEdit={() => setSaved(false)} />
        </>
      ) : null}
    </>
  );
}
