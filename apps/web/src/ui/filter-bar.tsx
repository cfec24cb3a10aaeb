import { useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

/**
 * A list's filters. On a phone (below 640 px) they fold away behind a "Filter" button so the
 * list itself is on the first screen; a search field stays in view. Wider screens show them all.
 */
export function FilterBar({ children }: { children: ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className={`filter-bar${open ? ' filter-bar-open' : ''}`}>
      <button type="button" className="btn filter-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="filter-toggle">
        {t('filter.toggle')} {open ? '▴' : '▾'}
      </button>
      <div className="filter-body">{children}</div>
    </div>
  );
}
