import type { EntityManager } from '@mikro-orm/postgresql';
import type { MoveListInput, StockListInput, StockMoveInput } from '@workmate/domain/inventory';
import type { PageResult } from '@workmate/domain/schemas/common';
import { postMoves, type PostedMove } from './ledger.ts';

export interface StockRow {
  articleId: string;
  articleNumber: string;
  articleName: string;
  baseUnit: string;
  locationId: string;
  locationCode: string;
  locationKind: string;
  onHand: string;
  reserved: string;
  available: string;
}

/**
 * Stock by location: the balance rows that are not zero, of one location or one article (or
 * all), by article number then location code. Reads the balance table only: it is kept in step
 * with the ledger, so nothing sums the moves here, and it holds the names shown, so nothing joins.
 */
export async function listStock(em: EntityManager, input: StockListInput): Promise<PageResult<StockRow>> {
  const where = ['(b.on_hand <> 0 or b.reserved <> 0)'];
  const params: unknown[] = [];
  if (input.locationId) {
    where.push('b.location_id = ?');
    params.push(input.locationId);
  }
  if (input.articleId) {
    where.push('b.article_id = ?');
    params.push(input.articleId);
  }
  const clause = where.join(' and ');
  // One round trip: the page and the count of all matching rows (a window over the filtered rows).
  // The balance row carries the article's number, name and unit and the location's code and kind
  // (kept by postMoves and updateArticle), so the page of one location is one index-only range
  // scan of stock_balances_location_page: a partial index of exactly these rows (the predicate
  // must stay written as it is there), in this order, holding every column selected. Measured
  // against a count as a scalar subquery: the window over the same scan plans and runs cheaper.
  // bigint columns come back as decimal strings from pg (int8 has no type parser here), so no
  // ::text casts: the same text, a little less planning and work a request.
  const rows = await em.execute<Array<{ article_id: string; article_number: string; article_name: string; base_unit: string; location_id: string; location_code: string; location_kind: string; on_hand: string; reserved: string; total: string }>>(
    `select b.article_id, b.article_number, b.article_name, b.base_unit, b.location_id, b.location_code, b.location_kind, b.on_hand, b.reserved, count(*) over () as total
     from stock_balances b
     where ${clause} order by b.article_number, b.location_code limit ? offset ?`,
    [...params, input.pageSize, (input.page - 1) * input.pageSize],
  );
  // Past the last page the window has no row to count on.
  const total = rows[0] ? Number(rows[0].total) : input.page > 1 ? Number((await em.execute<Array<{ n: string }>>(`select count(*)::text as n from stock_balances b where ${clause}`, params))[0]?.n ?? 0) : 0;
  return {
    items: rows.map((r) => ({
      articleId: r.article_id,
      articleNumber: r.article_number,
      articleName: r.article_name,
      baseUnit: r.base_unit,
      locationId: r.location_id,
      locationCode: r.location_code,
      locationKind: r.location_kind,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: String(BigInt(r.on_hand) - BigInt(r.reserved)),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** On hand of one article: its total in locations that hold goods, read from the balances. */
export async function articleOnHand(em: EntityManager, articleId: string): Promise<{ onHand: string; reserved: string }> {
  const [row] = await em.execute<Array<{ on_hand: string; reserved: string }>>(
    `select coalesce(sum(on_hand), 0)::text as on_hand, coalesce(sum(reserved), 0)::text as reserved from stock_balances where article_id = ? and not may_go_negative`,
    [articleId],
  );
  return { onHand: row?.on_hand ?? '0', reserved: row?.reserved ?? '0' };
}

export interface MoveDto {
  id: string;
  movedOn: string;
  fromCode: string;
  toCode: string;
  quantity: string;
  unitCost: string;
  sourceType: string;
  sourceId: string | null;
  note: string | null;
  createdAt: string;
}

/** An article's ledger, newest first. */
export async function listMoves(em: EntityManager, input: MoveListInput): Promise<PageResult<MoveDto>> {
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*)::text as n from stock_moves where article_id = ?`, [input.articleId]);
  const rows = await em.execute<Array<{ id: string; moved_on: string; from_code: string; to_code: string; quantity: string; unit_cost: string; source_type: string; source_id: string | null; note: string | null; created_at: string }>>(
    `select m.id::text, to_char(m.moved_on, 'YYYY-MM-DD') as moved_on, f.code as from_code, t.code as to_code, m.quantity::text, m.unit_cost::text, m.source_type, m.source_id, m.note, m.created_at::text
     from stock_moves m join stock_locations f on f.id = m.from_location_id join stock_locations t on t.id = m.to_location_id
     where m.article_id = ? order by m.id desc limit ? offset ?`,
    [input.articleId, input.pageSize, (input.page - 1) * input.pageSize],
  );
  return {
    items: rows.map((r) => ({ id: r.id, movedOn: r.moved_on, fromCode: r.from_code, toCode: r.to_code, quantity: r.quantity, unitCost: r.unit_cost, sourceType: r.source_type, sourceId: r.source_id, note: r.note, createdAt: new Date(r.created_at).toISOString() })),
    total: Number(count?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** A move entered by hand (a receipt from the supplier location, a transfer, a write-off). */
export async function postManualMove(em: EntityManager, input: StockMoveInput): Promise<PostedMove> {
  const [posted] = await postMoves(em, [{ ...input, sourceType: 'manual' }]);
  return posted as PostedMove;
}
