import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { Badge } from '../../ui/badge.tsx';
import { STATUS_TONES } from '../../ui/enum-options.ts';
import { roleName } from './role-labels.ts';
import { type SortState } from '../../ui/sort-header.tsx';
import { ListCard, SortableTable } from '../../ui/sortable-table.tsx';

export type EmployeeSort = 'lastName' | 'employeeCode' | 'email' | 'hireDate' | 'createdAt';
type EmployeePage = RouterOutputs['core']['employees']['list'];
type Employee = EmployeePage['items'][number];

interface Props {
  result: EmployeePage | undefined;
  loading: boolean;
  sort: SortState<EmployeeSort>;
  onSort: (next: SortState<EmployeeSort>) => void;
  onPage: (page: number) => void;
  busy: boolean;
  onDeactivate: ((e: Employee) => void) | undefined;
  onRestore: ((e: Employee) => void) | undefined;
}

export function EmployeeTable({ result, loading, sort, onSort, onPage, busy, onDeactivate, onRestore }: Props) {
  const { t, tOr, formatDate } = useI18n();
  return (
    <ListCard loading={loading} result={result} onPage={onPage}>
      {(items) => (
        <SortableTable
          testId="employee-table"
          sort={sort}
          onSort={onSort}
          columns={[
            { sort: 'employeeCode', label: t('employee.employeeCode') },
            { sort: 'lastName', label: t('employee.name') },
            { sort: 'email', label: t('employee.email') },
            { label: t('employee.departmentId') },
            { label: t('employee.roleId') },
            { label: t('employee.status') },
            { sort: 'hireDate', label: t('employee.hireDate') },
            onDeactivate ? { label: <span className="sr-only">{t('common.actions')}</span> } : null,
          ]}
        >
          {items.map((e) => (
            <tr key={e.id} data-testid="employee-row" className={e.deletedAt ? 'row-deleted' : undefined}>
              <td className="mono">{e.employeeCode}</td>
              <td>
                <Link href={`/admin/employees/${e.id}`} className="row-link">
                  {e.lastName}, {e.firstName}
                </Link>
                {e.deletedAt ? <Badge tone="danger">{t('employee.deactivated')}</Badge> : null}
              </td>
              <td>{e.email}</td>
              <td>{e.department?.name ?? ''}</td>
              <td>{e.role ? roleName(e.role.name, tOr) : ''}</td>
              <td>
                <Badge tone={STATUS_TONES[e.status]}>{tOr(`employeeStatus.${e.status}`, e.status)}</Badge>
              </td>
              <td>{e.hireDate ? formatDate(e.hireDate) : ''}</td>
              {onDeactivate ? (
                <td className="cell-actions">
                  {e.deletedAt ? (
                    onRestore ? (
                      <button type="button" className="btn btn-small" disabled={busy} onClick={() => onRestore(e)} data-testid="restore-employee">
                        {t('common.restore')}
                      </button>
                    ) : null
                  ) : (
                    <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => onDeactivate(e)} data-testid="deactivate-employee">
                      {t('employee.deactivate')}
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </SortableTable>
      )}
    </ListCard>
  );
}
