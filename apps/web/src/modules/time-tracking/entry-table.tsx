import type { ENTRY_SORTS } from '@workmate/domain/schemas/time-tracking';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatMinutes } from '../../lib/duration.ts';
import type { SortState } from '../../ui/sort-header.tsx';
import { SortableTable } from '../../ui/sortable-table.tsx';
import { projectLabel } from '../../pickers/project-options.ts';
import { EntryBadges } from './entry-badges.tsx';
import type { Entry } from './entry-values.ts';

export type EntrySort = (typeof ENTRY_SORTS)[number];

interface Props {
  items: Entry[];
  sort: SortState<EntrySort>;
  onSort: (next: SortState<EntrySort>) => void;
  showEmployee: boolean;
  onEdit: (entry: Entry) => void;
  onDelete: (entry: Entry) => void;
  deleting: boolean;
}

export function EntryTable({ items, sort, onSort, showEmployee, onEdit, onDelete, deleting }: Props) {
  const { t, tOr, formatDate, formatTime, formatMoney } = useI18n();
  // One line per entry (customer, note and billed time inline), so a screen holds 20+ entries.
  return (
    <SortableTable
      testId="entry-table"
      className="table-compact entry-table"
      sort={sort}
      onSort={onSort}
      columns={[
        { sort: 'startTime', label: t('time.date') },
        { label: t('time.timeOfDay'), className: 'col-low' },
        showEmployee ? { label: t('time.employee'), className: 'col-low' } : null,
        { label: t('time.project'), className: 'entry-main' },
        { label: t('time.taskType'), className: 'col-low' },
        { sort: 'durationMinutes', label: t('time.duration') },
        { label: t('time.amount'), className: 'num col-low' },
        { label: t('time.status'), className: 'col-low' },
        { label: <span className="sr-only">{t('common.actions')}</span> },
      ]}
    >
      {items.map((e) => {
        const project = e.project ? projectLabel(e.project) : t('time.internal');
        const full = [project, e.project?.customerName, e.note].filter(Boolean).join(' · ');
        return (
          <tr key={e.id} data-testid="entry-row" data-id={e.id}>
            <td className="nowrap">{formatDate(e.startTime)}</td>
            <td className="nowrap mono col-low">
              {formatTime(e.startTime)}–{e.endTime ? formatTime(e.endTime) : '…'}
            </td>
            {showEmployee ? <td className="nowrap col-low">{e.employee.name}</td> : null}
            <td className="entry-main" title={full}>
              <span className="entry-main-text">
                {e.project ? projectLabel(e.project) : <span className="muted">{t('time.internal')}</span>}
                {e.project ? <span className="muted"> · {e.project.customerName}</span> : null}
                {e.note ? <span className="entry-note"> — {e.note}</span> : null}
              </span>
            </td>
            <td className="nowrap col-low">{tOr(`taskType.${e.taskType}`, e.taskType)}</td>
            <td className="nowrap mono" data-testid="entry-duration">
              {e.durationMinutes === null ? '…' : formatMinutes(e.durationMinutes)}
              {e.billedMinutes !== null && e.billedMinutes !== e.durationMinutes ? (
                <span className="muted small" title={t('time.billedMinutes')}>
                  {' '}
                  ≙ {formatMinutes(e.billedMinutes)}
                </span>
              ) : null}
            </td>
            <td className="num nowrap col-low">{e.billable ? formatMoney(e.amount) : <span className="muted">{t('time.notBillable')}</span>}</td>
            <td className="nowrap col-low">
              <EntryBadges entry={e} />
            </td>
            <td className="cell-actions">
              {e.canEdit ? (
                <>
                  <button type="button" className="btn btn-small" onClick={() => onEdit(e)} data-testid="edit-entry">
                    {t('common.edit')}
                  </button>
                  <button type="button" className="btn btn-small btn-danger" disabled={deleting} onClick={() => onDelete(e)} data-testid="delete-entry">
                    {t('common.delete')}
                  </button>
                </>
              ) : null}
            </td>
          </tr>
        );
      })}
    </SortableTable>
  );
}
