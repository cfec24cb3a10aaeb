import type { ExpenseCategory } from '@workmate/domain/enums';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { Empty } from '../../ui/page.tsx';

/** Net amount per expense category as horizontal bars, largest first (as the API orders them). */
export function CategoryBars({ rows, linkTo }: { rows: Array<{ category: ExpenseCategory; netAmount: string; count?: number }>; linkTo?: (category: string) => string }) {
  const { t, tOr, formatMoney } = useI18n();
  if (!rows.length) return <Empty>{t('expense.noneYet')}</Empty>;
  // Only the bar's width comes from the number; the label shows the exact amount.
  const max = Math.max(1, ...rows.map((r) => Number(r.netAmount)));
  return (
    <ul className="breakdown breakdown-money">
      {rows.map((r) => {
        const label = tOr(`expenseCategory.${r.category}`, r.category);
        return (
          <li key={r.category} data-testid="expense-category-row" data-category={r.category} data-amount={r.netAmount}>
            <span className="breakdown-label">{linkTo ? <Link href={linkTo(r.category)}>{label}</Link> : label}</span>
            <span className="breakdown-bar" aria-hidden="true">
              <span style={{ width: `${(Math.max(0, Number(r.netAmount)) / max) * 100}%` }} />
            </span>
            <span className="breakdown-count">{formatMoney(r.netAmount)}</span>
          </li>
        );
      })}
    </ul>
  );
}
