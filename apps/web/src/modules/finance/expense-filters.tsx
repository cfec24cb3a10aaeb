import { useQuery } from '@tanstack/react-query';
import { EXPENSE_CATEGORIES, type ExpenseCategory } from '@workmate/domain/enums';
import type { ExpenseFilter } from '@workmate/domain/schemas/expenses';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { enumOptions } from '../../ui/enum-options.ts';
import { useCan } from '../../lib/session.ts';
import { EmployeeFilter } from '../../pickers/employee-filter.tsx';
import { useProjectOptions } from '../../pickers/project-options.ts';
import { DateRangeFilter } from '../../ui/date-range-filter.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { ListToolbar } from '../../ui/list-toolbar.tsx';
import { EnumSelect } from '../../ui/enum-select.tsx';

export interface ExpenseFilterState {
  title: string;
  category: string;
  projectId: string;
  invoiceId: string;
  employeeId: string;
  from: string;
  to: string;
  billable: string;
  reimbursed: string;
}

export const EMPTY_EXPENSE_FILTER: ExpenseFilterState = { title: '', category: '', projectId: '', invoiceId: '', employeeId: '', from: '', to: '', billable: '', reimbursed: '' };

/** Filters from the address (`?category=travel&projectId=…`), as the finance dashboard links to them. */
export function expenseFilterFromSearch(search: string): ExpenseFilterState {
  const params = new URLSearchParams(search);
  const out = { ...EMPTY_EXPENSE_FILTER };
  for (const key of Object.keys(out) as Array<keyof ExpenseFilterState>) out[key] = params.get(key) ?? '';
  return out;
}

const flag = (value: string) => (value === '' ? undefined : value === 'true');
const isCategory = (v: string): v is ExpenseCategory => (EXPENSE_CATEGORIES as readonly string[]).includes(v);

export function toExpenseFilter(f: ExpenseFilterState): ExpenseFilter {
  return {
    title: f.title.trim() || undefined,
    category: isCategory(f.category) ? f.category : undefined,
    projectId: f.projectId || undefined,
    invoiceId: f.invoiceId || undefined,
    employeeId: f.employeeId || undefined,
    from: f.from || undefined,
    // A half-typed range where the end is before the start would only be refused.
    to: f.to && (!f.from || f.to >= f.from) ? f.to : undefined,
    billable: flag(f.billable),
    reimbursed: flag(f.reimbursed),
  };
}

export function ExpenseFilters({ value, onChange }: { value: ExpenseFilterState; onChange: (next: ExpenseFilterState) => void }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const { options: projects } = useProjectOptions({ includeClosed: true });
  const seesAll = can('finance.read');
  const invoices = useQuery({
    ...trpc.invoices.list.queryOptions({ page: 1, pageSize: 100, type: 'invoice', projectId: value.projectId || undefined, sort: 'createdAt', direction: 'desc' }),
    enabled: can('invoices.read'),
  });
  const set = <K extends keyof ExpenseFilterState>(key: K, v: ExpenseFilterState[K]) => onChange({ ...value, [key]: v });
  const all = t('common.all');
  const flagSelect = (key: 'billable' | 'reimbursed', label: string) => (
    <select value={value[key]} onChange={(e) => set(key, e.target.value)} aria-label={label} data-testid={`filter-${key}`}>
      <option value="">{`${label}: ${all}`}</option>
      <option value="true">{`${label}: ${t('common.yes')}`}</option>
      <option value="false">{`${label}: ${t('common.no')}`}</option>
    </select>
  );

  return (
    <FilterBar>
      <ListToolbar testId="expense-filters" search={{ value: value.title, onChange: (v) => set('title', v), placeholder: t('expense.searchPlaceholder'), testId: 'expense-search' }}>
        <EnumSelect label={t('expense.category')} value={value.category} onChange={(v) => set('category', v)} options={enumOptions(EXPENSE_CATEGORIES, 'expenseCategory', tOr)} testId="filter-category" />
        {can('projects.read') ? (
          <select value={value.projectId} onChange={(e) => onChange({ ...value, projectId: e.target.value, invoiceId: '' })} aria-label={t('expense.project')} data-testid="filter-project">
            <option value="">{`${t('expense.project')}: ${all}`}</option>
            {projects.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : null}
        {can('invoices.read') ? (
          <select value={value.invoiceId} onChange={(e) => set('invoiceId', e.target.value)} aria-label={t('expense.invoice')} data-testid="filter-invoice">
            <option value="">{`${t('expense.invoice')}: ${all}`}</option>
            {(invoices.data?.items ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {`${i.number ?? t('invoice.draftNumber')} · ${i.customer.name}`}
              </option>
            ))}
          </select>
        ) : null}
        <EmployeeFilter value={value.employeeId} onChange={(id) => set('employeeId', id)} label={t('expense.employee')} seesOthers={seesAll} />
        <DateRangeFilter from={value.from} to={value.to} onChange={set} />
        {flagSelect('billable', t('expense.billableShort'))}
        {flagSelect('reimbursed', t('expense.reimbursedShort'))}
      </ListToolbar>
    </FilterBar>
  );
}
