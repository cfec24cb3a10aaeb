import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { RoleForm } from './role-form.tsx';
import { permissionText, roleDescription, roleName } from './role-labels.ts';

export function RolesPage() {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const roles = useQuery(trpc.core.roles.list.queryOptions());
  const remove = useMutation(
    trpc.core.roles.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.core.pathKey() }) }),
  );
  const admin = can('core.admin');
  const editingRole = roles.data?.find((r) => r.id === editing);

  return (
    <>
      <PageHeader
        title={t('role.listTitle')}
        actions={
          admin ? (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="new-role">
              + {t('role.new')}
            </button>
          ) : null
        }
      />
      <ErrorAlert error={roles.error ?? remove.error} />
      {roles.isPending ? (
        <Loading />
      ) : !roles.data?.length ? (
        <Empty />
      ) : (
        <div className="card card-flush">
          <div className="table-wrap">
            <table className="table" data-testid="role-table">
              <thead>
                <tr>
                  <th>{t('role.name')}</th>
                  <th>{t('role.permissions')}</th>
                  <th className="num">{t('role.employeeCount')}</th>
                  {admin ? <th><span className="sr-only">{t('common.actions')}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {roles.data.map((r) => (
                  <tr key={r.id} data-testid="role-row">
                    <td>
                      <strong data-testid="role-name">{r.isSystem ? roleName(r.name, tOr) : r.name}</strong> {r.isSystem ? <Badge tone="neutral">{t('role.builtIn')}</Badge> : null}
                      {(r.isSystem ? roleDescription(r.name, r.description, tOr) : r.description) ? (
                        <div className="muted small">{r.isSystem ? roleDescription(r.name, r.description, tOr) : r.description}</div>
                      ) : null}
                    </td>
                    <td>
                      {/* What each permission allows, in words; the code stays beside it for those who write roles. */}
                      <ul className="permission-list">
                        {r.permissions.map((p) => (
                          <li key={p} data-testid="role-permission" data-permission={p}>
                            {permissionText(p, tOr)} <code className="muted small">{p}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="num">{r.employeeCount}</td>
                    {admin ? (
                      <td className="cell-actions">
                        <button type="button" className="btn btn-small" onClick={() => setEditing(r.id)} data-testid="edit-role">
                          {t('common.edit')}
                        </button>
                        {r.isSystem ? null : (
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={remove.isPending}
                            onClick={() => window.confirm(t('role.confirmDelete', { name: roleName(r.name, tOr) })) && remove.mutate({ id: r.id })}
                            data-testid="delete-role"
                          >
                            {t('common.delete')}
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {editing ? (
        <Modal title={editing === 'new' ? t('role.new') : t('role.edit')} onClose={() => setEditing(null)} testId="role-dialog">
          <RoleForm key={editingRole?.version ?? 'new'} role={editingRole} onDone={() => setEditing(null)} />
        </Modal>
      ) : null}
    </>
  );
}
