import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { addDays, berlinDay, mondayOf } from '@workmate/domain/berlin-time';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { useMe } from '../../lib/session.ts';
import { projectLabel, useProjectOptions } from '../../pickers/project-options.ts';
import type { Entry } from './entry-values.ts';
import { TimesheetGrid, type TimesheetRow } from './timesheet-grid.tsx';
import { isoWeek, weekDays } from './week.ts';

/** Finished entries of the week summed per project and Berlin day; internal time is always a row. */
function toRows(entries: Entry[], extra: Array<{ key: string; label: string }>, internalLabel: string): TimesheetRow[] {
  const rows = new Map<string, TimesheetRow>();
  const row = (key: string, label: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, label, cells: {} }));
    return r;
  };
  for (const e of entries) {
    if (e.durationMinutes === null) continue;
    const r = e.project ? row(e.project.id, projectLabel(e.project)) : row('internal', internalLabel);
    const cell = (r.cells[berlinDay(e.startTime)] ??= { minutes: 0, entries: [] });
    cell.minutes += e.durationMinutes;
    cell.entries.push(e);
  }
  for (const x of extra) row(x.key, x.label);
  const internal = row('internal', internalLabel);
  rows.delete('internal');
  return [...[...rows.values()].sort((a, b) => a.label.localeCompare(b.label)), internal];
}

/** `/time/timesheet`: the signed-in employee's week, editable cell by cell. */
export function TimesheetPage() {
  const { t, formatDate } = useI18n();
  const trpc = useTRPC();
  const me = useMe().data;
  const [monday, setMonday] = useState(() => mondayOf(berlinDay()));
  const [extra, setExtra] = useState<Array<{ key: string; label: string }>>([]);
  const [message, setMessage] = useState<ReactNode>(null);
  const days = weekDays(monday);
  const sunday = days[6] ?? monday;
  const { options: projects } = useProjectOptions();
  const entries = useQuery({
    ...trpc.timeTracking.entries.list.queryOptions({ employeeId: me?.id, from: monday, to: sunday, running: false, page: 1, pageSize: 500, sort: 'startTime', direction: 'asc' }),
    enabled: !!me,
  });
  const rows = toRows(entries.data?.items ?? [], extra, t('time.internal'));
  const addable = projects.filter((p) => !rows.some((r) => r.key === p.value));
  const go = (next: string) => {
    setMonday(next);
    setMessage(null);
  };
  const listHref = (date: string, key: string) =>
    `/time?${new URLSearchParams({ from: date, to: date, projectId: key, ...(me ? { employeeId: me.id } : {}) }).toString()}`;

  return (
    <>
      <PageHeader title={t('timesheet.title')}>
        <span className="muted" data-testid="timesheet-week">
          {t('timesheet.week', { week: isoWeek(monday), from: formatDate(monday), to: formatDate(sunday) })}
        </span>
      </PageHeader>
      <div className="toolbar">
        <span className="button-group">
          <button type="button" className="btn" onClick={() => go(addDays(monday, -7))} data-testid="week-prev" aria-label={t('timesheet.previousWeek')}>
            ‹
          </button>
          <button type="button" className="btn" onClick={() => go(mondayOf(berlinDay()))} data-testid="week-current">
            {t('timesheet.thisWeek')}
          </button>
          <button type="button" className="btn" onClick={() => go(addDays(monday, 7))} data-testid="week-next" aria-label={t('timesheet.nextWeek')}>
            ›
          </button>
        </span>
        {addable.length ? (
          <select
            value=""
            onChange={(e) => {
              const p = addable.find((o) => o.value === e.target.value);
              if (p) setExtra((x) => [...x, { key: p.value, label: p.label }]);
            }}
            aria-label={t('timesheet.addRow')}
            data-testid="timesheet-add-row"
          >
            <option value="">+ {t('timesheet.addRow')}</option>
            {addable.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <p className="muted small">{t('timesheet.hint')}</p>
      {message ? (
        <Alert kind="warning" testId="timesheet-message">
          <span>{message}</span>
          <button type="button" className="btn btn-small" onClick={() => setMessage(null)}>
            {t('common.close')}
          </button>
        </Alert>
      ) : null}
      <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      {entries.isPending ? (
        <Loading />
      ) : (
        <div className="card card-flush">
          <TimesheetGrid days={days} rows={rows} onMessage={setMessage} listHref={listHref} />
        </div>
      )}
    </>
  );
}
