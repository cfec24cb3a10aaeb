import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useTRPC } from '../../trpc.ts';

export interface Person {
  id: string;
  name: string;
}

/** The `@abc` being typed: its letters and where it sits in the text. */
export interface MentionQuery {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /(?:^|[\s(])@([\p{L}\p{M}'-]{1,40})$/u;

/** The mention being typed right before the caret, if any. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const m = TOKEN.exec(text.slice(0, caret));
  if (!m?.[1]) return null;
  return { text: m[1], start: caret - m[1].length - 1, end: caret };
}

const MAX_OPTIONS = 8;

/** Matching employees under the composer; arrows pick, Enter or Tab chooses, Escape closes. */
export function MentionMenu({ query, onChoose, onClose, handle }: { query: string; onChoose: (p: Person) => void; onClose: () => void; handle: RefObject<{ onKey: (e: KeyboardEvent) => boolean } | null> }) {
  const t = useT();
  const trpc = useTRPC();
  const search = useDebounced(query, 150);
  const [active, setActive] = useState(0);
  const people = useQuery({
    ...trpc.core.employees.list.queryOptions({ search, page: 1, pageSize: MAX_OPTIONS, sort: 'lastName', direction: 'asc' }, { staleTime: 60_000 }),
    placeholderData: (prev) => prev,
  });
  // The search also matches e-mail addresses and codes; offer only names that contain what was typed.
  const needle = query.toLocaleLowerCase('de');
  const options: Person[] = (people.data?.items ?? [])
    .filter((e) => e.status !== 'inactive')
    .map((e) => ({ id: e.id, name: `${e.firstName} ${e.lastName}` }))
    .filter((p) => p.name.toLocaleLowerCase('de').includes(needle));

  useEffect(() => setActive(0), [search]);

  handle.current = {
    onKey: (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
        return true;
      }
      if (!options.length) return false;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return true;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        const chosen = options[Math.min(active, options.length - 1)];
        if (!chosen) return false;
        e.preventDefault();
        onChoose(chosen);
        return true;
      }
      return false;
    },
  };

  if (!options.length) return null;
  return (
    <ul className="chat-mention-menu" role="listbox" aria-label={t('chat.mentionLabel')} data-testid="chat-mention-menu">
      {options.map((p, i) => (
        <li key={p.id} role="option" aria-selected={i === active}>
          <button
            type="button"
            className={i === active ? 'active' : undefined}
            // Keeps the focus (and the caret) in the textarea.
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => onChoose(p)}
            data-testid="chat-mention-option"
            data-id={p.id}
          >
            @{p.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
