import { useQueryClient } from '@tanstack/react-query';
import { EXPENSE_CATEGORIES } from '@workmate/domain/enums';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { useCan, useMe } from '../../lib/session.ts';

export type Expense = RouterOutputs['finance']['expenses']['get'];
export type ExpensePage = RouterOutputs['finance']['expenses']['list'];
export type ExpenseKpis = RouterOutputs['finance']['expenses']['kpis'];

export { EXPENSE_CATEGORIES };

/** Who may see expenses at all: everyone's with finance.read, one's own with finance.write. */
export const FINANCE_READERS = ['finance.read', 'finance.write'] as const;

/**
 * After an expense changed: the lists and KPIs, the project figures (expenses, margin), the
 * home dashboard's figures and the documents (a receipt may have been linked).
 */
export function useInvalidateExpenses() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.finance.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.dashboards.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.documents.pathKey() }),
    ]);
}

/**
 * Whether the signed-in user may change or delete this expense, by the service's rules: not
 * billed; one's own (or finance.manage); once reimbursed only with finance.manage.
 */
export function useMayChangeExpense(): (e: Pick<Expense, 'billed' | 'reimbursed' | 'employee'>) => boolean {
  const can = useCan();
  const me = useMe().data;
  return (e) => {
    if (!can('finance.write') || e.billed) return false;
    const manages = can('finance.manage');
    if (e.employee.id !== me?.id && !manages) return false;
    return !e.reimbursed || manages;
  };
}
