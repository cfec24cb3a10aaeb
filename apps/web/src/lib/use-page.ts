import { useState } from 'react';

/**
 * The current page number, which falls back to 1 whenever the filters (`filterKey`) change —
 * without an extra render or a request for a page that may no longer exist.
 */
export function usePage(filters: unknown): [number, (page: number) => void] {
  const key = JSON.stringify(filters);
  const [state, setState] = useState({ key, page: 1 });
  const page = state.key === key ? state.page : 1;
  return [page, (next: number) => setState({ key, page: next })];
}
