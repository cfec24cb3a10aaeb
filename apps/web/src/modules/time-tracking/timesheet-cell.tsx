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
  /** The refusal of the last try: the typed text stays in the cell with it, so nothing is lost. */
  const [failed, setFailed] = useState<{ text: string; message: string } | null>(null);
  const justFocused = useRef(false);
  /** The text the running save was sent with. */
  const sent = useRef<string | null>(null);
  const shown = cell.minutes ? formatMinutes(cell.minutes) : '';

  const options = {
    onSuccess: async () => {
      await invalidate();
      setDraft(null);
      setFailed(null);
    },
    onError: (error: unknown) => refuse(describeError(error, t, tv)),
  };
  const create = useMutation(trpc.timeTracking.entries.create.mutationOptions(options));
  const update = useMutation(trpc.timeTracking.entries.update.mutationOptions(options));
  const remove = useMutation(trpc.timeTracking.entries.delete.mutationOptions(options));
  const pending = create.isPending || update.isPending || remove.isPending;

  /** Shows why the value was not saved and keeps the typed text (the draft) in the cell. */
  const refuse = (message: string, extra?: ReactNode) => {
    const text = sent.current ?? draft;
    sent.current = null;
    if (text !== null) setFailed({ text, message });
    onMessage(extra ?? message);
  };

  const commit = (force = false) => {
    if (draft === null || pending) return;
    // Leaving a cell whose value was just refused does not send it again; Enter does.
    if (!force && failed?.text === draft) return;
    const minutes = parseDuration(draft);
    if (minutes === null) return refuse(t('timesheet.invalidHours', { value: draft }));
    if (minutes === cell.minutes) {
      setFailed(null);
      return setDraft(null);
    }
    const [only, ...more] = cell.entries;
    if (!only) {
      sent.current = draft;
      if (minutes > 0) create.mutate({ projectId: rowKey === 'internal' ? null : rowKey, date, durationMinutes: minutes });
      else setDraft(null);
      return;
    }
    if (more.length) {
      return refuse(
        t('timesheet.severalEntries'),
        <>
          {t('timesheet.severalEntries')} <Link href={listHref}>{t('timesheet.openList')}</Link>
        </>,
      );
    }
    if (!only.canEdit) {
      return refuse(t('timesheet.locked', { reason: tOr(`lockReason.${only.lockReason ?? ''}`, only.lockReason ?? '') }));
    }
    onMessage(null);
    sent.current = draft;
    if (minutes === 0) remove.mutate({ id: only.id });
    // Note and rate are sent as they are: EntryUpdateInput would turn missing ones into null.
    else update.mutate({ id: only.id, version: only.version, durationMinutes: minutes, note: only.note, hourlyRate: only.hourlyRate });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(true);
    } else if (e.key === 'Escape') {
      setDraft(null);
      setFailed(null);
    }
  };

  const locked = cell.entries.length === 1 && !cell.entries[0]?.canEdit;
  const error = failed && draft === failed.text ? failed.message : null;
  return (
    <td className={`ts-cell${pending ? ' ts-pending' : ''}${locked ? ' ts-locked' : ''}${error ? ' ts-error' : ''}`}>
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
          onBlur={() => commit()}
          onKeyDown={onKeyDown}
          aria-label={label}
          aria-invalid={error ? true : undefined}
          title={error ?? (locked ? tOr(`lockReason.${cell.entries[0]?.lockReason ?? ''}`, '') : undefined)}
          data-testid="timesheet-input"
        />
        {error ? (
          <span className="ts-cell-error" role="alert" data-testid="timesheet-cell-error">
            {error}
          </span>
        ) : null}
      </label>
    </td>
  );
}
