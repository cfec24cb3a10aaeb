import { useMutation } from '@tanstack/react-query';
import type { EXPENSE_SORTS } from '@workmate/domain/schemas/expenses';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { PaperclipIcon } from '../../ui/icons.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { SortableTable } from '../../ui/sortable-table.tsx';
import { useCan } from '../../lib/session.ts';
import { projectLabel } from '../../pickers/project-options.ts';
import { useInvalidateExpenses, useMayChangeExpense, type Expense, type ExpensePage } from './expense-options.ts';
import { ExpenseBadges } from './expense-status.tsx';

export type ExpenseSort = (typeof EXPENSE_SORTS)[number];

interface Props {
  items: Expense[];
  sums: ExpensePage['sums'];
  total: number;
  sort: SortState<ExpenseSort>;
  onSort: (next: SortState<ExpenseSort>) => void;
  showProject?: boolean;
  showEmployee?: boolean;
  rowTestId?: string;
}

/** Expenses as rows (a click opens one) with the sums over all that match, and reimburse and delete. */
export function ExpenseTable({ items, sums, total, sort, onSort, showProject = true, showEmployee = true, rowTestId = 'expense-row' }: Props) {
  const { t, tOr, formatDate, formatMoney, formatNumber } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const invalidate = useInvalidateExpenses();
  const mayChange = useMayChangeExpense();
  const [deleting, setDeleting] = useState<Expense | null>(null);
  const reimburse = useMutation(trpc.finance.expenses.reimburse.mutationOptions({ onSuccess: () => invalidate() }));
  const remove = useMutation(
    trpc.finance.expenses.delete.mutationOptions({
      onSuccess: () => invalidate(),
      onSettled: () => setDeleting(null),
    }),
  );
  const manages = can('finance.manage');
  // The columns before the amounts, which the sums row spans with its label.
  const lead = 2 + (showEmployee ? 1 : 0) + (showProject ? 1 : 0);

  return (
    <>
      <ErrorAlert error={reimburse.error ?? remove.error} />
      {/* On phones the table scrolls sideways; the sums stay in view above it. */}
      <p className="totals expense-totals-line">
        <span>
          {t('expense.net')}: <strong>{formatMoney(sums.netAmount)}</strong>
        </span>
        <span>
          {t('expense.vatShort')}: <strong>{formatMoney(sums.taxAmount)}</strong>
        </span>
        <span>
          {t('expense.gross')}: <strong>{formatMoney(sums.grossAmount)}</strong>
        </span>
      </p>
      <SortableTable
        testId="expense-table"
        sort={sort}
        onSort={onSort}
        columns={[
          { sort: 'expenseDate', label: t('expense.date') },
          { sort: 'title', label: t('expense.title') },
          showEmployee ? { label: t('expense.employee') } : null,
          showProject ? { label: t('expense.project') } : null,
          { sort: 'netAmount', label: t('expense.net'), className: 'num' },
          { label: t('expense.vatShort'), className: 'num' },
          { label: t('expense.gross'), className: 'num' },
          { label: <span className="sr-only">{t('common.actions')}</span> },
        ]}
        foot={
          <tr data-testid="expense-sums" data-net={sums.netAmount} data-tax={sums.taxAmount} data-gross={sums.grossAmount}>
            <th scope="row" colSpan={lead}>
              {t('expense.sums', { count: formatNumber(total) })}
            </th>
            <td className="num nowrap">{formatMoney(sums.netAmount)}</td>
            <td className="num nowrap">{formatMoney(sums.taxAmount)}</td>
            <td className="num nowrap">{formatMoney(sums.grossAmount)}</td>
            <td />
          </tr>
        }
      >
        {items.map((e) => (
          <tr key={e.id} className="row-clickable" onClick={() => navigate(`/finance/expenses/${e.id}`)} data-testid={rowTestId} data-id={e.id} data-amount={e.netAmount}>
            <td className="nowrap">{formatDate(e.expenseDate)}</td>
            <td className="expense-title-cell">
              <Link href={`/finance/expenses/${e.id}`} className="row-link" onClick={(ev) => ev.stopPropagation()}>
                {e.title}
              </Link>
              {e.receipt ? (
                <span className="receipt-mark" title={t('expense.hasReceipt', { name: e.receipt.fileName })}>
                  <PaperclipIcon />
                  <span className="sr-only">{t('expense.hasReceipt', { name: e.receipt.fileName })}</span>
                </span>
              ) : null}
              <div className="expense-meta">
                <span className="muted small">{tOr(`expenseCategory.${e.category}`, e.category)}</span>
                <ExpenseBadges expense={e} />
              </div>
            </td>
            {showEmployee ? <td className="nowrap">{e.employee.name}</td> : null}
            {showProject ? (
              <td className="nowrap">
                {e.project ? (
                  <span className="small" title={projectLabel(e.project)}>
                    {e.project.projectNumber}
                  </span>
                ) : null}
              </td>
            ) : null}
            <td className="num nowrap">{formatMoney(e.netAmount)}</td>
            <td className="num nowrap muted">{formatMoney(e.taxAmount)}</td>
            <td className="num nowrap">{formatMoney(e.grossAmount)}</td>
            <td className="cell-actions" onClick={(ev) => ev.stopPropagation()}>
              {manages && !e.reimbursed ? (
                <button type="button" className="btn btn-small" disabled={reimburse.isPending} onClick={() => reimburse.mutate({ id: e.id })} data-testid="expense-reimburse">
                  {t('expense.reimburse')}
                </button>
              ) : null}
              {mayChange(e) ? (
                <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} onClick={() => setDeleting(e)} data-testid="expense-delete">
                  {t('common.delete')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </SortableTable>
      {deleting ? (
        <ConfirmDialog title={t('expense.deleteTitle')} confirmLabel={t('common.delete')} danger pending={remove.isPending} onConfirm={() => remove.mutate({ id: deleting.id })} onClose={() => setDeleting(null)}>
          <p>{t('expense.deleteText', { title: deleting.title })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
