import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import type { Expense } from './expense-options.ts';

/** Billable, billed and reimbursed as small badges. */
export function ExpenseBadges({ expense: e }: { expense: Pick<Expense, 'billable' | 'billed' | 'reimbursed' | 'reimbursedAt'> }) {
  const { t, formatDate } = useI18n();
  return (
    <span className="badges">
      {e.billed ? (
        <Badge tone="info">{t('expense.billed')}</Badge>
      ) : e.billable ? (
        <Badge tone="neutral">{t('expense.billableShort')}</Badge>
      ) : null}
      {e.reimbursed ? (
        <Badge tone="success" testId="expense-reimbursed">
          <span title={e.reimbursedAt ? formatDate(e.reimbursedAt) : undefined}>{t('expense.reimbursedShort')}</span>
        </Badge>
      ) : null}
    </span>
  );
}
