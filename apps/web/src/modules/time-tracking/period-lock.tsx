import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Card } from '../../ui/page.tsx';

/** Closing a period: entries dated up to this day can no longer be created, changed or deleted. */
export function PeriodLock({ lockedUntil }: { lockedUntil: string | null }) {
  const { t, formatDate } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(lockedUntil ?? '');
  const [saved, setSaved] = useState(false);
  const lock = useMutation(
    trpc.timeTracking.lockPeriod.mutationOptions({
      onMutate: () => setSaved(false),
      onSuccess: async (result) => {
        setDate(result.lockedUntil ?? '');
        setSaved(true);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.core.settings.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.timeTracking.pathKey() }),
        ]);
      },
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    lock.mutate({ lockedUntil: date || null });
  };

  return (
    <Card title={t('lock.title')} testId="period-lock">
      <p className="muted small">{lockedUntil ? t('lock.current', { date: formatDate(lockedUntil) }) : t('lock.none')}</p>
      {saved ? <Alert kind="success">{t('common.saved')}</Alert> : null}
      <ErrorAlert error={lock.error} />
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <label className="toggle">
          {t('lock.until')}
          <input type="date" name="lockedUntil" value={date} onChange={(e) => setDate(e.target.value)} data-testid="lock-date" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={lock.isPending} data-testid="save-lock">
          {t('lock.save')}
        </button>
        {lockedUntil ? (
          <button type="button" className="btn" disabled={lock.isPending} onClick={() => lock.mutate({ lockedUntil: null })} data-testid="remove-lock">
            {t('lock.remove')}
          </button>
        ) : null}
      </form>
    </Card>
  );
}
