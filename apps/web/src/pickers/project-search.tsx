import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ProjectStatus } from '@workmate/domain/enums';
import { useId, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebounced } from '../lib/use-debounced.ts';
import { useTRPC } from '../trpc.ts';
import { useCan } from '../lib/session.ts';
import { projectLabel } from './project-options.ts';

/** Projects time can still be booked on (as in useProjectOptions). */
const OPEN: ProjectStatus[] = ['planning', 'active', 'on_hold'];
const RESULTS = 20;

export interface PickedProject {
  id: string;
  label: string;
}

interface Props {
  value: PickedProject | null;
  onChange: (project: PickedProject | null) => void;
  disabled?: boolean;
  className?: string;
  testId: string;
  ariaLabel: string;
}

/**
 * A project picker that asks the server as you type (number or title), so every open project is
 * reachable however many there are, instead of a select with the first 200. "Internal time"
 * (no project) is always the first choice.
 */
export function ProjectSearch({ value, onChange, disabled, className, testId, ariaLabel }: Props) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const search = useDebounced(text.trim(), 200);
  const query = useQuery({
    ...trpc.projects.list.queryOptions({ page: 1, pageSize: RESULTS, search: search || undefined, status: OPEN, sort: 'projectNumber', direction: 'asc' }),
    enabled: open && can('projects.read'),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const choices: Array<PickedProject | null> = [null, ...(query.data?.items ?? []).map((p) => ({ id: p.id, label: projectLabel(p) }))];

  const choose = (choice: PickedProject | null) => {
    onChange(choice);
    setOpen(false);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.max(0, Math.min(choices.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const choice = choices[active];
      if (choice !== undefined) choose(choice);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setText('');
    }
  };

  return (
    <div className={`project-search${className ? ` ${className}` : ''}`} data-testid={testId} data-value={value?.id ?? ''}>
      <input
        type="text"
        role="combobox"
        aria-label={ariaLabel}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        disabled={disabled}
        placeholder={value ? value.label : t('time.internal')}
        value={open ? text : (value?.label ?? '')}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => {
          setOpen(false);
          setText('');
        }}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(e.target.value.trim() ? 1 : 0);
        }}
        onKeyDown={onKeyDown}
        data-testid={`${testId}-input`}
      />
      {open ? (
        <ul className="project-search-list" role="listbox" id={listId} data-testid={`${testId}-list`}>
          {choices.map((choice, i) => (
            <li
              key={choice?.id ?? 'internal'}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Mouse-down, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(choice);
              }}
              onMouseEnter={() => setActive(i)}
              data-testid={`${testId}-option`}
              data-id={choice?.id ?? ''}
            >
              {choice ? choice.label : <span className="muted">{t('time.internal')}</span>}
            </li>
          ))}
          {query.data && !query.data.items.length && search ? <li className="muted project-search-empty">{t('projectSearch.none')}</li> : null}
          {query.data && query.data.total > RESULTS ? (
            <li className="muted project-search-empty">{t('projectSearch.more', { count: query.data.total - RESULTS })}</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
