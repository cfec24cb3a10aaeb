import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

interface Search {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  testId: string;
}

/** The search field every list page puts first in its toolbar. */
export function SearchInput({ value, onChange, placeholder, testId }: Search) {
  const t = useT();
  return (
    <input
      type="search"
      className="search"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      aria-label={t('common.search')}
      data-testid={testId}
    />
  );
}

/** A list page's row of filters: the search field (when given), then the page's own filters. */
export function ListToolbar({ search, testId, children }: { search?: Search | undefined; testId?: string | undefined; children?: ReactNode }) {
  return (
    <div className="toolbar" data-testid={testId}>
      {search ? <SearchInput {...search} /> : null}
      {children}
    </div>
  );
}
