import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { Badge } from '../../ui/badge.tsx';

type Clock = RouterOutputs['service']['tickets']['list']['items'][number]['sla']['firstResponse'];

/** One SLA clock as a badge: due time (amber within the last hour), paused, met, or overdue (red). */
export function SlaBadge({ clock, testId }: { clock: Clock; testId?: string }) {
  const { t, formatDateTime } = useI18n();
  switch (clock.state) {
    case 'met':
      return <Badge tone="success" testId={testId}>✓ {t('sla.met')}</Badge>;
    case 'paused':
      return <Badge tone="neutral" testId={testId}>⏸ {t('sla.paused', { elapsed: clock.elapsedMinutes, target: clock.targetMinutes })}</Badge>;
    case 'breached':
      return (
        <Badge tone="danger" testId={testId}>
          ⚠ {clock.stoppedAt ? t('sla.breachedStopped') : t('sla.breached', { time: formatDateTime(clock.dueAt) })}
        </Badge>
      );
    default: {
      const soon = clock.dueAt !== null && Date.parse(clock.dueAt) - Date.now() < 60 * 60 * 1000;
      return <Badge tone={soon ? 'warning' : 'info'} testId={testId}>{t('sla.running', { time: formatDateTime(clock.dueAt) })}</Badge>;
    }
  }
}
