import type { EntryFilter } from '@workmate/domain/schemas/time-tracking';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../../lib/session.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { EmployeeFilter } from '../../pickers/employee-filter.tsx';
import { useProjectOptions } from '../../pickers/project-options.ts';
import { DateRangeFilter } from '../../ui/date-range-filter.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';

export interface FilterState {
  employeeId: string;
  /** A project id, 'internal' for time without a project, or '' for all. */
  projectId: string;
  customerId: string;
  from: string;
  to: string;
  billable: string;
  approved: string;
  invoiced: string;
}

export const EMPTY_FILTER: FilterState = { employeeId: '', projectId: '', customerId: '', from: '', to: '', billable: '', approved: '', invoiced: '' };

/** Filters from the address (`/time?from=2026-03-02&projectId=…`), as the timesheet links to them. */
export function filterFromSearch(search: string): FilterState {
  const params = new URLSearchParams(search);
  const out = { ...EMPTY_FILTER };
  for (const key of Object.keys(out) as Array<keyof FilterState>) out[key] = params.get(key) ?? '';
  return out;
}

const flag = (value: string) => (value === '' ? undefined : value === 'true');

export function toEntryFilter(f: FilterState): EntryFilter {
  return {
    employeeId: f.employeeId || undefined,
    projectId: f.projectId && f.projectId !== 'internal' ? f.projectId : undefined,
    internal: f.projectId === 'internal' ? true : undefined,
    customerId: f.customerId || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    billable: flag(f.billable),
    approved: flag(f.approved),
    invoiced: flag(f.invoiced),
  };
}

/** Whether the signed-in user may see other people's time (and so filter by employee). */
export function useSeesOthers(): boolean {
  const can = useCan();
  return can(['timeTracking.readAll', 'timeTracking.team', 'timeTracking.manage', 'timeTracking.approve']);
}

type FlagKey = 'billable' | 'approved' | 'invoiced';

interface Props {
  value: FilterState;
  onChange: (next: FilterState) => void;
  flags: FlagKey[];
  children?: ReactNode;
}

export function EntryFilters({ value, onChange, flags, children }: Props) {
  const { t } = useI18n();
  const seesOthers = useSeesOthers();
  const { options: projects } = useProjectOptions({ includeClosed: true });
  const set = <K extends keyof FilterState>(key: K, v: FilterState[K]) => onChange({ ...value, [key]: v });
  const all = t('common.all');

  return (
    <FilterBar>
      <div className="toolbar entry-filters" data-testid="entry-filters">
        <EmployeeFilter value={value.employeeId} onChange={(id) => set('employeeId', id)} label={t('time.employee')} seesOthers={seesOthers} />
        <select value={value.projectId} onChange={(e) => set('projectId', e.target.value)} aria-label={t('time.project')} data-testid="filter-project">
          <option value="">{`${t('time.project')}: ${all}`}</option>
          <option value="internal">{t('time.internal')}</option>
          {projects.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <CustomerPicker name="customerId" label={t('time.customer')} value={value.customerId} onChange={(v) => set('customerId', v)} emptyLabel={`${t('time.customer')}: ${all}`} compact />
        <DateRangeFilter from={value.from} to={value.to} onChange={set} />
        {flags.map((key) => (
          <select key={key} value={value[key]} onChange={(e) => set(key, e.target.value)} aria-label={t(`time.${key}`)} data-testid={`filter-${key}`}>
            <option value="">{`${t(`time.${key}`)}: ${all}`}</option>
            <option value="true">{`${t(`time.${key}`)}: ${t('common.yes')}`}</option>
            <option value="false">{`${t(`time.${key}`)}: ${t('common.no')}`}</option>
          </select>
        ))}
        {children}
      </div>
    </FilterBar>
  );
}
