import { encodeCursor, type Cursor, type SortDirection } from '@workmate/domain/schemas/cursor';

/**
 * How one sort of a list orders its rows, for both offset and cursor pages. The order is
 * (null flag,) sort value, tie-breakers, all in one direction: then `(key) > (values)` (or `<`)
 * is a single row comparison that an index on the same expressions answers by reading only
 * the page. The migration `keyset_indexes` creates those indexes.
 */
export interface KeysetSort {
  /** SQL of the sort value. */
  value: string;
  /** Its Postgres type, to read the cursor's text back. */
  type: 'varchar' | 'text' | 'timestamptz' | 'date' | 'int' | 'numeric';
  /**
   * For a nullable value, where rows without one go: `last` in both directions, or `default`
   * as Postgres puts them (last ascending, first descending). Those rows carry `filler` (any
   * value of the type) instead of null, so the comparison never meets a null; the flag in front
   * keeps them apart from rows that really have that value.
   */
  nulls?: { place: 'last' | 'default'; filler: string };
  /** Tie-breakers after the value (uuids); together with it they identify a row. */
  ties: string[];
  /**
   * When the value and the first tie-breakers come from a joined table (documents by customer
   * name: name, customer id, document id), how many leading key parts an index of that table
   * holds: a second, inclusive comparison on just those lets Postgres start the join's outer
   * scan at the cursor instead of filtering everything before it. Not for nullable values.
   */
  outerPrefix?: number;
}

function columns(sort: KeysetSort, direction: SortDirection) {
  if (!sort.nulls) return { flag: null, value: sort.value };
  const notNullFlag = sort.nulls.place === 'last' && direction === 'desc';
  return {
    flag: { sql: `(${sort.value} is ${notNullFlag ? 'not ' : ''}null)`, of: (v: string | null) => (notNullFlag ? v !== null : v === null) },
    value: `coalesce(${sort.value}, ${sort.nulls.filler})`,
  };
}

/**
 * The `limit` of a page: one row more than the page, so pageWithCursor knows whether another
 * follows; without a cursor also the offset of the numbered page.
 */
export function pageLimitSql(input: { cursor?: unknown; page: number; pageSize: number }): { sql: string; params: number[] } {
  return input.cursor ? { sql: 'limit ?', params: [input.pageSize + 1] } : { sql: 'limit ? offset ?', params: [input.pageSize + 1, (input.page - 1) * input.pageSize] };
}

/** `order by` of a sort (without the keyword). */
export function keysetOrderSql(sort: KeysetSort, direction: SortDirection): string {
  const c = columns(sort, direction);
  return [c.flag?.sql, c.value, ...sort.ties].filter((x) => x !== undefined).map((x) => `${x} ${direction}`).join(', ');
}

/** The select-list items that give a row's key as text (`k0`, `k1`, …), for its cursor. */
export function keysetSelectSql(sort: KeysetSort): string {
  return [sort.value, ...sort.ties].map((x, i) => `(${x})::text as k${i}`).join(', ');
}

/** The condition for the rows after a cursor, in the order of `keysetOrderSql`. */
export function keysetAfterSql(sort: KeysetSort, direction: SortDirection, key: Array<string | null>): { sql: string; params: unknown[] } {
  const c = columns(sort, direction);
  const [value = null, ...ties] = key;
  const left = [c.value, ...sort.ties];
  const right = [sort.nulls ? `coalesce(?::${sort.type}, ${sort.nulls.filler})` : `?::${sort.type}`, ...sort.ties.map(() => '?::uuid')];
  const params: unknown[] = [value, ...ties];
  if (c.flag) {
    left.unshift(c.flag.sql);
    right.unshift('?::boolean');
    params.unshift(c.flag.of(value));
  }
  const op = direction === 'asc' ? '>' : '<';
  const sql = `(${left.join(', ')}) ${op} (${right.join(', ')})`;
  const n = sort.outerPrefix;
  if (!n || sort.nulls) return { sql, params };
  return {
    sql: `(${left.slice(0, n).join(', ')}) ${op}= (${right.slice(0, n).join(', ')}) and ${sql}`,
    params: [...params.slice(0, n), ...params],
  };
}

type KeyRow = Record<string, unknown>;

/**
 * Rows are fetched one beyond the page: if that one exists, the page's last row gives the next
 * cursor; otherwise this is the last page.
 */
export function pageWithCursor<R extends KeyRow>(rows: R[], pageSize: number, sortName: string, sort: KeysetSort, direction: SortDirection): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= pageSize) return { rows, nextCursor: null };
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1] as R;
  const key = [sort.value, ...sort.ties].map((_, i) => {
    const v = last[`k${i}`];
    return v === null || v === undefined ? null : String(v);
  });
  const cursor: Cursor = { sort: sortName, direction, key };
  return { rows: page, nextCursor: encodeCursor(cursor) };
}
