import type { ReactNode } from 'react';
import { Empty, Loading } from './page.tsx';
import { Pager } from './pager.tsx';
import { SortHeader, type SortState } from './sort-header.tsx';

export type Column<S extends string> =
  | { sort: S; label: string; className?: string | undefined }
  | { sort?: undefined; label: ReactNode; className?: string | undefined };

interface TableProps<S extends string> {
  testId: string;
  /** Leave out a column with `false` or `null` (one the user may not see). */
  columns: Array<Column<S> | false | null>;
  sort: SortState<S>;
  onSort: (next: SortState<S>) => void;
  /** The rows (`<tr>`s). */
  children: ReactNode;
  /** Rows under the body (sums). */
  foot?: ReactNode;
  /**
   * A leading column with a "select all" checkbox, for lists with bulk actions; each row then
   * starts with its own checkbox cell.
   */
  selectAll?: { checked: boolean; onChange: () => void; label: string; testId: string } | undefined;
  /** Classes added to the table's own (`table-compact`, …). */
  className?: string | undefined;
}

/** A table whose header cells sort the list: click a column, click again to flip the direction. */
export function SortableTable<S extends string>({ testId, columns, sort, onSort, children, foot, selectAll, className }: TableProps<S>) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <thead>
          <tr>
            {selectAll ? (
              <th>
                <input type="checkbox" checked={selectAll.checked} onChange={selectAll.onChange} aria-label={selectAll.label} data-testid={selectAll.testId} />
              </th>
            ) : null}
            {columns.map((c, i) =>
              !c ? null : c.sort !== undefined && typeof c.label === 'string' ? (
                <SortHeader key={i} column={c.sort} label={c.label} state={sort} onChange={onSort} className={c.className} />
              ) : (
                <th key={i} className={c.className}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  );
}

interface Page {
  items: readonly unknown[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * One page of a list in a card: a spinner while loading, a note when it is empty, the table
 * otherwise (given the page's items and the whole page, for sums), and the pager under it.
 */
export function ListCard<P extends Page>({ loading, result, onPage, empty, testId, children }: { loading: boolean; result: P | undefined; onPage: (page: number) => void; empty?: ReactNode; testId?: string | undefined; children: (items: P['items'], page: P) => ReactNode }) {
  if (loading && !result) return <Loading />;
  if (!result) return null;
  return (
    <div className="card card-flush" data-testid={testId}>
      {!result.items.length ? <Empty>{empty}</Empty> : children(result.items, result)}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} onPage={onPage} />
    </div>
  );
}
