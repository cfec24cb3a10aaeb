import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { DepartmentForm } from './department-form.tsx';

export function DepartmentsPage() {
  const t = useT();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const departments = useQuery(trpc.core.departments.list.queryOptions());
  const people = useQuery({ ...trpc.core.employees.list.queryOptions({ page: 1, pageSize: 200, sort: 'lastName', direction: 'asc' }), enabled: editing !== null });
  const managers = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName}, ${p.firstName}` }));
  const remove = useMutation(
    trpc.core.departments.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() }) }),
  );
  const admin = can('core.admin');
  const cols = admin ? 5 : 4;

  return (
    <>
      <PageHeader
        title={t('department.listTitle')}
        actions={
          admin ? (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="new-department">
              + {t('department.new')}
            </button>
          ) : null
        }
      />
      {editing === 'new' ? (
        <Card title={t('department.new')}>
          <DepartmentForm managers={managers} onDone={() => setEditing(null)} />
        </Card>
      ) : null}
      <ErrorAlert error={departments.error ?? remove.error} />
      {departments.isPending ? (
        <Loading />
      ) : !departments.data?.length ? (
        <Empty />
      ) : (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="department-table">
              <thead>
                <tr>
                  <th>{t('department.code')}</th>
                  <th>{t('department.name')}</th>
                  <th>{t('department.managerId')}</th>
                  <th className="num">{t('department.employeeCount')}</th>
                  {admin ? <th><span className="sr-only">{t('common.actions')}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {departments.data.map((d) => (
                  <Fragment key={d.id}>
                    <tr data-testid="department-row">
                      <td className="mono">{d.code}</td>
                      <td>
                        {d.name}
                        {d.description ? <div className="muted small">{d.description}</div> : null}
                      </td>
                      <td>{d.manager?.name ?? ''}</td>
                      <td className="num">{d.employeeCount}</td>
                      {admin ? (
                        <td className="cell-actions">
                          <button type="button" className="btn btn-small" onClick={() => setEditing(editing === d.id ? null : d.id)} data-testid="edit-department">
                            {t('common.edit')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={remove.isPending}
                            onClick={() => window.confirm(t('department.confirmDelete', { name: d.name })) && remove.mutate({ id: d.id })}
                            data-testid="delete-department"
                          >
                            {t('common.delete')}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                    {editing === d.id ? (
                      <tr className="row-editor">
                        <td colSpan={cols}>
                          <DepartmentForm key={d.version} department={d} managers={managers} onDone={() => setEditing(null)} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}
