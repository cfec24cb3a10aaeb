import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { StocktakeCountInput, StocktakeListInput, StocktakeStartInput } from '@workmate/domain/inventory';
import type { PageResult } from '@workmate/domain/schemas/common';
import { currentActor } from '../shared/actor.ts';
import { nextNumber } from '../shared/numbering.ts';
import { created, writeAudit } from '../audit/write.ts';
import { pgArray, postMoves, type MoveRequest } from './ledger.ts';
import { virtualLocationId } from './locations.ts';

export interface StocktakeLineDto {
  id: string;
  locationId: string;
  locationCode: string;
  articleId: string;
  articleNumber: string;
  articleName: string;
  baseUnit: string;
  bookQuantity: string;
  countedQuantity: string | null;
  postedDifference: string | null;
}
export interface StocktakeDto {
  id: string;
  number: string;
  status: 'open' | 'closed';
  countedOn: string;
  startedAt: string;
  closedAt: string | null;
  lines: StocktakeLineDto[];
}

const STOCKTAKE = `select id, number, status, to_char(counted_on, 'YYYY-MM-DD') as counted_on, started_at::text, closed_at::text from stocktakes`;
type StocktakeRow = { id: string; number: string; status: 'open' | 'closed'; counted_on: string; started_at: string; closed_at: string | null };
const head = (r: StocktakeRow) => ({ id: r.id, number: r.number, status: r.status, countedOn: r.counted_on, startedAt: new Date(r.started_at).toISOString(), closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null });

export async function listStocktakes(em: EntityManager, input: StocktakeListInput): Promise<PageResult<Omit<StocktakeDto, 'lines'>>> {
  const [count] = await em.execute<Array<{ n: string }>>(`select count(*)::text as n from stocktakes`);
  const rows = await em.execute<StocktakeRow[]>(`${STOCKTAKE} order by started_at desc, number desc limit ? offset ?`, [input.pageSize, (input.page - 1) * input.pageSize]);
  return { items: rows.map(head), total: Number(count?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function getStocktake(em: EntityManager, id: string): Promise<StocktakeDto> {
  const [row] = await em.execute<StocktakeRow[]>(`${STOCKTAKE} where id = ?`, [id]);
  if (!row) throw appError('NOT_FOUND', 'record.notFound', { what: 'Stocktake', id }, { field: 'id' });
  const lines = await em.execute<Array<{ id: string; location_id: string; code: string; article_id: string; number: string; name: string; base_unit: string; book_quantity: string; counted_quantity: string | null; posted_difference: string | null }>>(
    `select s.id, s.location_id, l.code, s.article_id, a.number, a.name, a.base_unit, s.book_quantity::text, s.counted_quantity::text, s.posted_difference::text
     from stocktake_lines s join stock_locations l on l.id = s.location_id join articles a on a.id = s.article_id
     where s.stocktake_id = ? order by l.code, a.number`,
    [id],
  );
  return {
    ...head(row),
    lines: lines.map((l) => ({ id: l.id, locationId: l.location_id, locationCode: l.code, articleId: l.article_id, articleNumber: l.number, articleName: l.name, baseUnit: l.base_unit, bookQuantity: l.book_quantity, countedQuantity: l.counted_quantity, postedDifference: l.posted_difference })),
  };
}

/**
 * Starts a stocktake: the snapshot of the book quantities of every stock-kept article in the
 * chosen locations and the locations inside them.
 */
export async function startStocktake(em: EntityManager, input: StocktakeStartInput): Promise<StocktakeDto> {
  const id = await em.transactional(async (tx) => {
    const found = await tx.execute<Array<{ id: string; virtual: boolean }>>(`select id, virtual from stock_locations where id = any(?::uuid[])`, [pgArray(input.locationIds)]);
    for (const [i, locationId] of input.locationIds.entries()) {
      const location = found.find((f) => f.id === locationId);
      if (!location) throw appError('NOT_FOUND', 'record.notFound', { what: 'Location', id: locationId }, { field: `locationIds.${i}` });
      if (location.virtual) throw appError('BAD_REQUEST', 'location.notReal', {}, { field: `locationIds.${i}` });
    }
    const number = await nextNumber(tx, 'stocktake', 'INV-{YYYY}-{NNNN}');
    const [row] = await tx.execute<Array<{ id: string }>>(`insert into stocktakes (number, counted_on, started_by) values (?, ?, (select id from employees where id = ?::uuid)) returning id`, [number, input.countedOn, currentActor().id]);
    const stocktakeId = (row as { id: string }).id;
    const lines = await tx.execute<Array<{ id: string }>>(
      `with recursive inside as (
         select id from stock_locations where id = any(?::uuid[])
         union select l.id from stock_locations l join inside on l.parent_id = inside.id
       )
       insert into stocktake_lines (stocktake_id, location_id, article_id, book_quantity)
       select ?, b.location_id, b.article_id, b.on_hand from stock_balances b join articles a on a.id = b.article_id
       where b.location_id in (select id from inside) and a.stock_kept and b.on_hand <> 0
       returning id`,
      [pgArray(input.locationIds), stocktakeId],
    );
    if (!lines.length) throw appError('BAD_REQUEST', 'stocktake.empty', {}, { field: 'locationIds' });
    await writeAudit(tx, [{ action: 'create', entity: 'stocktake', entityId: stocktakeId, changes: created({ number, countedOn: input.countedOn, locationIds: input.locationIds, lines: lines.length }) }]);
    return stocktakeId;
  });
  return getStocktake(em, id);
}

async function lockOpen(tx: EntityManager, id: string, field: string): Promise<{ number: string; counted_on: string }> {
  const [row] = await tx.execute<Array<{ number: string; status: string; counted_on: string }>>(`select number, status, to_char(counted_on, 'YYYY-MM-DD') as counted_on from stocktakes where id = ? for update`, [id]);
  if (!row) throw appError('NOT_FOUND', 'record.notFound', { what: 'Stocktake', id }, { field });
  if (row.status !== 'open') throw appError('CONFLICT', 'stocktake.closed', { number: row.number }, { field });
  return row;
}

/** Records a count; an article found in a bin outside the snapshot gets a line with book quantity 0. */
export async function enterCount(em: EntityManager, input: StocktakeCountInput): Promise<StocktakeLineDto> {
  const lineId = await em.transactional(async (tx) => {
    await lockOpen(tx, input.stocktakeId, 'stocktakeId');
    const [article] = await tx.execute<Array<{ stock_kept: boolean; number: string }>>(`select stock_kept, number from articles where id = ?`, [input.articleId]);
    if (!article) throw appError('NOT_FOUND', 'record.notFound', { what: 'Article', id: input.articleId }, { field: 'articleId' });
    if (!article.stock_kept) throw appError('BAD_REQUEST', 'article.serviceNoStock', { number: article.number }, { field: 'articleId' });
    const [location] = await tx.execute<Array<{ virtual: boolean }>>(`select virtual from stock_locations where id = ?`, [input.locationId]);
    if (!location) throw appError('NOT_FOUND', 'record.notFound', { what: 'Location', id: input.locationId }, { field: 'locationId' });
    if (location.virtual) throw appError('BAD_REQUEST', 'location.notReal', {}, { field: 'locationId' });
    const [line] = await tx.execute<Array<{ id: string; before: string | null }>>(
      `insert into stocktake_lines (stocktake_id, location_id, article_id, book_quantity, counted_quantity, counted_at, counted_by)
       values (?, ?, ?, 0, ?, now(), (select id from employees where id = ?::uuid))
       on conflict (stocktake_id, location_id, article_id) do update set counted_quantity = excluded.counted_quantity, counted_at = now(), counted_by = excluded.counted_by
       returning id, (select counted_quantity::text from stocktake_lines where stocktake_id = ? and location_id = ? and article_id = ?) as before`,
      [input.stocktakeId, input.locationId, input.articleId, input.countedQuantity, currentActor().id, input.stocktakeId, input.locationId, input.articleId],
    );
    const id = (line as { id: string }).id;
    await writeAudit(tx, [{ action: 'update', entity: 'stocktakeLine', entityId: id, changes: { countedQuantity: { before: line?.before ?? null, after: input.countedQuantity } } }]);
    return id;
  });
  const stocktake = await getStocktake(em, input.stocktakeId);
  return stocktake.lines.find((l) => l.id === lineId) as StocktakeLineDto;
}

/**
 * Closes a stocktake: every line must be counted; each difference between the count and the book
 * quantity NOW is posted as a move to or from the loss location, dated the counting day. After
 * the close the book stock of the counted bins equals what was counted.
 */
export async function closeStocktake(em: EntityManager, id: string): Promise<StocktakeDto> {
  await em.transactional(async (tx) => {
    const stocktake = await lockOpen(tx, id, 'id');
    const [open] = await tx.execute<Array<{ n: string }>>(`select count(*)::text as n from stocktake_lines where stocktake_id = ? and counted_quantity is null`, [id]);
    if (Number(open?.n ?? 0) > 0) throw appError('CONFLICT', 'stocktake.uncounted', { count: Number(open?.n) }, { field: 'id' });
    const loss = await virtualLocationId(tx, 'loss');
    const lines = await tx.execute<Array<{ id: string; article_id: string; location_id: string; counted: string; book: string }>>(
      `select s.id, s.article_id, s.location_id, s.counted_quantity::text as counted, coalesce(b.on_hand, 0)::text as book
       from stocktake_lines s left join stock_balances b on b.article_id = s.article_id and b.location_id = s.location_id
       where s.stocktake_id = ? order by s.article_id, s.location_id`,
      [id],
    );
    const moves: MoveRequest[] = [];
    for (const line of lines) {
      const difference = BigInt(line.counted) - BigInt(line.book);
      await tx.execute(`update stocktake_lines set posted_difference = ? where id = ?`, [String(difference), line.id]);
      if (difference === 0n) continue;
      const gain = difference > 0n;
      moves.push({
        articleId: line.article_id,
        fromLocationId: gain ? loss : line.location_id,
        toLocationId: gain ? line.location_id : loss,
        quantity: Number(gain ? difference : -difference),
        movedOn: stocktake.counted_on,
        sourceType: 'stocktake',
        sourceId: id,
        note: stocktake.number,
      });
    }
    await postMoves(tx, moves);
    await tx.execute(`update stocktakes set status = 'closed', closed_at = now(), closed_by = (select id from employees where id = ?::uuid) where id = ?`, [currentActor().id, id]);
    await writeAudit(tx, [{ action: 'update', entity: 'stocktake', entityId: id, changes: { status: { before: 'open', after: 'closed' }, moves: { before: null, after: moves.length } } }]);
  });
  return getStocktake(em, id);
}
