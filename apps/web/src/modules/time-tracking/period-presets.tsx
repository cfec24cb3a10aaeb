import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay, monthRange } from '@workmate/domain/berlin-time';

/** One click to a whole month or year (Europe/Berlin calendar). */
export function PeriodPresets({ onChange }: { onChange: (range: { from: string; to: string }) => void }) {
  const { t } = useI18n();
  const today = berlinDay();
  const year = today.slice(0, 4);
  return (
    <span className="button-group" role="group" aria-label={t('report.period')}>
      <button type="button" className="btn btn-small" onClick={() => onChange(monthRange(today))} data-testid="preset-this-month">
        {t('report.thisMonth')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => onChange(monthRange(today, -1))} data-testid="preset-last-month">
        {t('report.lastMonth')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => onChange({ from: `${year}-01-01`, to: `${year}-12-31` })} data-testid="preset-this-year">
        {t('report.thisYear')}
      </button>
    </span>
  );
}
