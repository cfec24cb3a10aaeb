import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatMinutes, parseDuration } from '../../lib/duration.ts';
import { useTRPC } from '../../trpc.ts';
import { describeError } from '../../ui/alert.tsx';
import type { Entry } from './entry-values.ts';
import { useInvalidateTime } from './use-invalidate-time.ts';

export interface CellData {
  minutes: number;
  entries: Entry[];
}

interface Props {
  date: string;
  /** A project id or 'internal'. */
  rowKey: string;
  label: string;
  cell: CellData;
  onMessage: (message: ReactNode) => void;
  /** Where the entries of this cell are listed, for cells that hold more than one. */
  listHref: string;
}

/**
 * One day of one project: type hours ("1,5" or "1:30") and press Enter or leave the cell. An empty
 * cell gets a new entry, a cell with one entry changes its duration (0 deletes it); cells with
 * several entries are edited in the list.
 */
export function TimesheetCell({ date, rowKey, label, cell, onMessage, listHref }: Props) {
  const { t, tv, tOr } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateTime();
  const [draft, setDraft] = useState<string | null>(null);
  const justFocused = useRef(false);
  const shown = cell.minutes ? formatMinutes(cell.minutes) : '';

  const options = {
    onSuccess: async () => {
      await invalidate();
      setDraft(null);
    },
    onError: (error: unknown) => {
      setDraft(null);
      onMessage(describeError(error, t, tv));
    },
  };
  const create = useMutation(trpc.timeTracking.entries.create.mutationOptions(options));
  const update = useMutation(trpc.timeTracking.entries.update.mutationOptions(options));
  const remove = useMutation(trpc.timeTracking.entries.delete.mutationOptions(options));
  const pending = create.isPending || update.isPending || remove.isPending;

  const commit = () => {
    if (draft === null || pending) return;
    const minutes = parseDuration(draft);
    if (minutes === null) return onMessage(t('timesheet.invalidHours', { value: draft }));
    if (minutes === cell.minutes) return setDraft(null);
    const [only, ...more] = cell.entries;
    if (!only) {
      if (minutes > 0) create.mutate({ projectId: rowKey === 'internal' ? null : rowKey, date, durationMinutes: minutes });
      else setDraft(null);
      return;
    }
    if (more.length) {
      setDraft(null);
      return onMessage(
        <>
          {t('timesheet.severalEntries')} <Link href={listHref}>{t('timesheet.openList')}</Link>
        </>,
      );
    }
    if (!only.canEdit) {
      setDraft(null);
      return onMessage(t('timesheet.locked', { reason: tOr(`lockReason.${only.lockReason ?? ''}`, only.lockReason ?? '') }));
    }
    onMessage(null);
    if (minutes === 0) remove.mutate({ id: only.id });
    // Note and rate are sent as they are: EntryUpdateInput would turn missing ones into null.
    else update.mutate({ id: only.id, version: only.version, durationMinutes: minutes, note: only.note, hourlyRate: only.hourlyRate });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      setDraft(null);
    }
  };

  const locked = cell.entries.length === 1 && !cell.entries[0]?.canEdit;
  return (
    <td className={`ts-cell${pending ? ' ts-pending' : ''}${locked ? ' ts-locked' : ''}`}>
      {/* The label carries the test id so a click focuses and `fill` reaches the input; its hidden
          text keeps the shown value in the grid's text content. */}
      <label data-testid="timesheet-cell" data-date={date} data-project={rowKey} data-minutes={cell.minutes}>
        <span className="sr-only" aria-hidden="true">
          {shown}
        </span>
        <input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft ?? shown}
          onChange={(e) => setDraft(e.target.value)}
          onFocus={(e) => {
            e.currentTarget.select();
            justFocused.current = true;
          }}
          onMouseUp={(e) => {
            // The mouse-up of the click that focused the cell would collapse the selection.
            if (justFocused.current) e.preventDefault();
            justFocused.current = false;
          }}
          onBlur={commit}
          onKeyDown={onKeyDown}
          aria-label={label}
          title={locked ? tOr(`lockReason.${cell.entries[0]?.lockReason ?? ''}`, '') : undefined}
        />
      </label>
    </td>
  );
}
