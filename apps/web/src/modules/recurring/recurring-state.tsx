import { useI18n } from '../../i18n/i18n.tsx';
import type { Recurring } from './recurring-values.ts';

/** Active or paused, and what it does by itself (finalize, send), as small badges. */
export function RecurringState({ template }: { template: Pick<Recurring, 'active' | 'autoFinalize' | 'autoSend' | 'lastError'> }) {
  const { t } = useI18n();
  return (
    <span data-testid="recurring-state">
      <span className={`badge badge-${template.active ? 'success' : 'neutral'}`}>{template.active ? t('recurring.stateActive') : t('recurring.statePaused')}</span>{' '}
      {template.autoFinalize ? <span className="badge badge-info">{t('recurring.badgeFinalize')}</span> : null}{' '}
      {template.autoSend ? <span className="badge badge-info">{t('recurring.badgeSend')}</span> : null}{' '}
      {template.lastError ? <span className="badge badge-danger">{t('recurring.badgeError')}</span> : null}
    </span>
  );
}
