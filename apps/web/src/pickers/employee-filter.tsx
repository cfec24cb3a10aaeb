import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n.tsx';
import { useCan } from '../lib/session.ts';
import { useTRPC } from '../trpc.ts';

/**
 * "Employee: all / one person" for list filters (time entries, expenses). Shown only to someone
 * who may see other people's records and read the staff list; otherwise nothing.
 */
export function EmployeeFilter({ value, onChange, label, seesOthers }: { value: string; onChange: (employeeId: string) => void; label: string; seesOthers: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const shown = seesOthers && can('core.read');
  const people = useQuery({ ...trpc.core.employees.list.queryOptions({ page: 1, pageSize: 200, sort: 'lastName', direction: 'asc' }), enabled: shown });
  if (!shown) return null;
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} data-testid="filter-employee">
      <option value="">{`${label}: ${t('common.all')}`}</option>
      {(people.data?.items ?? []).map((p) => (
        <option key={p.id} value={p.id}>
          {`${p.lastName}, ${p.firstName}`}
        </option>
      ))}
    </select>
  );
}
