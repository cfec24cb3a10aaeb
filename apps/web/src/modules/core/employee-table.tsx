import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { Badge } from '../../ui/badge.tsx';
import { STATUS_TONES } from '../../ui/enum-options.ts';
import { Empty, Loading } from '../../ui/page.tsx';
import { Pager } from '../../ui/pager.tsx';
import { roleName } from './role-labels.ts';
import { SortHeader, type SortState } from '../../ui/sort-header.tsx';

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
  if (loading && !result) return <Loading />;
  if (!result) return null;
  return (
    <div className="card card-flush">
      {!result.items.length ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="employee-table">
            <thead>
              <tr>
                <SortHeader column="employeeCode" label={t('employee.employeeCode')} state={sort} onChange={onSort} />
                <SortHeader column="lastName" label={t('employee.name')} state={sort} onChange={onSort} />
                <SortHeader column="email" label={t('employee.email')} state={sort} onChange={onSort} />
                <th>{t('employee.departmentId')}</th>
                <th>{t('employee.roleId')}</th>
                <th>{t('employee.status')}</th>
                <SortHeader column="hireDate" label={t('employee.hireDate')} state={sort} onChange={onSort} />
                {onDeactivate ? <th><span className="sr-only">{t('common.actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {result.items.map((e) => (
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
            </tbody>
          </table>
        </div>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} onPage={onPage} />
    </div>
  );
}
