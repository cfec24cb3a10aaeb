import { useI18n } from '../../i18n/i18n.tsx';

/** How much of the budget billable time has used: a bar that turns amber past 80 % and red past 100 %. */
export function BudgetBar({ utilisation, testId }: { utilisation: string | null; testId?: string }) {
  const { t, formatPercent } = useI18n();
  if (utilisation === null) return <span className="muted small">{t('project.noBudget')}</span>;
  // Only the bar's width comes from the number; the label shows the API's exact string.
  const share = Number(utilisation);
  const tone = share > 100 ? 'over' : share >= 80 ? 'high' : 'ok';
  return (
    <span className={`budget budget-${tone}`} data-testid={testId}>
      <span className="budget-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(share, 100)} aria-label={t('project.budgetUtilisation')}>
        <span style={{ width: `${Math.min(Math.max(share, 0), 100)}%` }} />
      </span>
      <span className="budget-value">{formatPercent(utilisation)}</span>
    </span>
  );
}
