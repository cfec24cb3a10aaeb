import type { ENTRY_SORTS } from '@workmate/domain/schemas/time-tracking';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatMinutes } from '../../lib/duration.ts';
import { SortHeader, type SortState } from '../../ui/sort-header.tsx';
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
  return (
    <div className="table-wrap">
      {/* One line per entry (customer, note and billed time inline), so a screen holds 20+ entries. */}
      <table className="table table-compact entry-table" data-testid="entry-table">
        <thead>
          <tr>
            <SortHeader column="startTime" label={t('time.date')} state={sort} onChange={onSort} />
            <th className="col-low">{t('time.timeOfDay')}</th>
            {showEmployee ? <th className="col-low">{t('time.employee')}</th> : null}
            <th className="entry-main">{t('time.project')}</th>
            <th className="col-low">{t('time.taskType')}</th>
            <SortHeader column="durationMinutes" label={t('time.duration')} state={sort} onChange={onSort} />
            <th className="num col-low">{t('time.amount')}</th>
            <th className="col-low">{t('time.status')}</th>
            <th>
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
