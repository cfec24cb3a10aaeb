import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';
import { formatMinutes } from '../../lib/duration.ts';
import { TimesheetCell, type CellData } from './timesheet-cell.tsx';

export interface TimesheetRow {
  /** A project id or 'internal'. */
  key: string;
  label: string;
  cells: Record<string, CellData>;
}

const EMPTY: CellData = { minutes: 0, entries: [] };

interface Props {
  days: string[];
  rows: TimesheetRow[];
  onMessage: (message: ReactNode) => void;
  listHref: (date: string, rowKey: string) => string;
}

/** Projects down, Monday to Sunday across, hours in the cells, sums at the ends. */
export function TimesheetGrid({ days, rows, onMessage, listHref }: Props) {
  const { t, lang } = useI18n();
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  const today = berlinDay();
  const dayTotal = (day: string) => rows.reduce((sum, r) => sum + (r.cells[day]?.minutes ?? 0), 0);
  const rowTotal = (row: TimesheetRow) => days.reduce((sum, d) => sum + (row.cells[d]?.minutes ?? 0), 0);
  const weekTotal = days.reduce((sum, d) => sum + dayTotal(d), 0);

  return (
    <div className="table-wrap">
      <table className="table timesheet" data-testid="timesheet">
        <thead>
          <tr>
            <th className="ts-project">{t('time.project')}</th>
            {days.map((d) => {
              const date = new Date(`${d}T00:00:00Z`);
              return (
                <th key={d} className={`num${d === today ? ' ts-today' : ''}`} data-date={d}>
                  {weekday.format(date)}
                  <span className="block small">{dayMonth.format(date)}</span>
                </th>
              );
            })}
            <th className="num">{t('timesheet.sum')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="timesheet-row" data-project={row.key}>
              <th scope="row" className="ts-project">
                {row.label}
              </th>
              {days.map((d) => (
                <TimesheetCell
                  key={d}
                  date={d}
                  rowKey={row.key}
                  label={`${row.label}, ${weekday.format(new Date(`${d}T00:00:00Z`))} ${dayMonth.format(new Date(`${d}T00:00:00Z`))}`}
                  cell={row.cells[d] ?? EMPTY}
                  onMessage={onMessage}
                  listHref={listHref(d, row.key)}
                />
              ))}
              <td className="num mono ts-sum" data-testid="timesheet-row-total">
                {formatMinutes(rowTotal(row))}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="ts-project">
              {t('timesheet.sum')}
            </th>
            {days.map((d) => (
              <td key={d} className="num mono ts-sum" data-testid="timesheet-day-total" data-date={d}>
                {formatMinutes(dayTotal(d))}
              </td>
            ))}
            <td className="num mono ts-sum ts-week-total" data-testid="timesheet-total">
              {formatMinutes(weekTotal)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
