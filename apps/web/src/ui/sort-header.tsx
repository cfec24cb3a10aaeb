import { useT } from '../i18n/i18n.tsx';

export interface SortState<S extends string> {
  sort: S;
  direction: 'asc' | 'desc';
}

/** A table header cell that sorts by `column`; clicking again flips the direction. */
export function SortHeader<S extends string>({ column, label, state, onChange, className }: { column: S; label: string; state: SortState<S>; onChange: (next: SortState<S>) => void; className?: string | undefined }) {
  const t = useT();
  const active = state.sort === column;
  const next: SortState<S> = { sort: column, direction: active && state.direction === 'asc' ? 'desc' : 'asc' };
  return (
    <th className={className} aria-sort={active ? (state.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onChange(next)} title={t('common.sortBy', { column: label })} data-testid={`sort-${column}`}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (state.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
