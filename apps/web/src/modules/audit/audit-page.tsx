import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AUDIT_ACTIONS, type AuditAction } from '@workmate/domain/enums';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { actorName } from '../../lib/readable-value.ts';
import { AuditChanges } from './audit-changes.tsx';
import { EnumSelect } from '../../ui/enum-select.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';

/** Entity names as the audit trail records them (the entity class name, first letter lower-case). */
const ENTITIES = ['customer', 'contact', 'activity', 'employee', 'department', 'role', 'companySettings', 'apiToken', 'project', 'timeEntry'];

export function AuditPage() {
  const { t, tOr, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const [entity, setEntity] = useState('');
  const [action, setAction] = useState<AuditAction | ''>('');
  const debouncedEntity = useDebounced(entity.trim(), 250);
  const [page, setPage] = usePage([debouncedEntity, action]);
  const list = useQuery({
    ...trpc.audit.list.queryOptions({ page, pageSize: 50, entity: debouncedEntity || undefined, action: action || undefined }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <div className="toolbar">
        <input
          className="search"
          list="audit-entities"
          value={entity}
          onChange={(e) => setEntity(e.target.value)}
          placeholder={t('audit.filterEntity')}
          aria-label={t('audit.filterEntity')}
          data-testid="audit-entity"
        />
        <datalist id="audit-entities">
          {ENTITIES.map((e) => (
            <option key={e} value={e}>
              {tOr(`entity.${e}`, e)}
            </option>
          ))}
        </datalist>
        <EnumSelect label={t('audit.filterAction')} shortLabel={t('audit.action')} value={action} onChange={setAction} values={AUDIT_ACTIONS} prefix="change" testId="audit-action" />
      </div>
      <ErrorAlert error={list.error} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage}>
        {(items, page) => (
          <div className="table-wrap">
            <table className="table table-top" data-testid="audit-table">
              <thead>
                <tr>
                  <th>{t('audit.at')}</th>
                  <th>{t('audit.actor')}</th>
                  <th>{t('audit.action')}</th>
                  <th>{t('audit.entity')}</th>
                  <th>{t('audit.record')}</th>
                  <th>{t('audit.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((row) => (
                  <tr key={row.id} data-testid="audit-row">
                    <td className="nowrap" data-testid="audit-at">
                      {formatDateTime(row.at)}
                    </td>
                    <td data-testid="audit-actor">{actorName(row.actorLabel, t('audit.system'), t('audit.demoData'))}</td>
                    <td>{tOr(`change.${row.action}`, row.action)}</td>
                    <td>{tOr(`entity.${row.entity}`, row.entity)}</td>
                    {/* The record's name; an id alone means nothing to a person (it stays in the tooltip). */}
                    <td title={row.entityId} data-testid="audit-record">
                      {page.names[row.entityId] ?? '—'}
                    </td>
                    <td>
                      <AuditChanges changes={row.changes} entity={row.entity} names={page.names} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListCard>
    </>
  );
}
