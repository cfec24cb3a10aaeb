import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import type { Entry } from './entry-values.ts';

/** Running, approved, invoiced, and — when the signed-in user may not change it — why not. */
export function EntryBadges({ entry }: { entry: Entry }) {
  const { t, tOr } = useI18n();
  return (
    <span className="badges">
      {!entry.endTime ? <Badge tone="info">{t('time.running')}</Badge> : null}
      {entry.isApproved ? (
        <Badge tone="success" testId="approved-badge">
          ✓ {t('time.approved')}
        </Badge>
      ) : null}
      {entry.isInvoiced ? <Badge tone="neutral">{t('time.invoiced')}</Badge> : null}
      {!entry.canEdit && entry.lockReason ? (
        <Badge tone="warning" testId="lock-badge">
          <span aria-hidden="true">🔒 </span>
          {tOr(`lockReason.${entry.lockReason}`, entry.lockReason)}
        </Badge>
      ) : null}
    </span>
  );
}
