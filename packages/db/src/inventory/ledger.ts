import type { EntityManager } from '@mikro-orm/postgresql';
import { CheckConstraintViolationException } from '@mikro-orm/core';
import { AppError, appError } from '@workmate/domain/errors';
import { movingAverage, type StockSourceType } from '@workmate/domain/inventory';
import { currentActor } from '../shared/actor.ts';
import { writeAudit } from '../audit/write.ts';

/** One move to post: a whole quantity of the article's base unit from one location to another. */
export interface MoveRequest {
  articleId: string;
  fromLocationId: string;
  toLocationId: string;
  quantity: number;
  /** Only for a receipt from the supplier location (required there); other moves carry the average. */
  unitCost?: string | null;
  movedOn: string;
  sourceType: StockSourceType;
  sourceId?: string | null;
  note?: string | null;
  /** Of the quantity, how much was reserved at the from-location for this document (a delivery consuming its reservation). */
  releaseReserved?: number;
  /** Field names of this move in the caller's input, for refusals (default: the MoveRequest's own). */
  fieldPrefix?: string;
}

export interface PostedMove {
  id: string;
  articleId: string;
  fromLocationId: string;
  toLocationId: string;
  quantity: string;
  unitCost: string;
  movedOn: string;
}

interface LocationRow {
  id: string;
  kind: string;
  code: string;
  may_go_negative: boolean;
}
interface ArticleRow {
  id: string;
  number: string;
  stock_kept: boolean;
  average_cost: string;
  last_moved_on: string | null;
}
interface BalanceRow {
  article_id: string;
  location_id: string;
  on_hand: string;
  reserved: string;
}

const key = (articleId: string, locationId: string) => `${articleId}/${locationId}`;
const field = (m: MoveRequest, name: string) => (m.fieldPrefix ? `${m.fieldPrefix}.${name}` : name);

/**
 * THE way stock changes: appends the moves to the ledger and updates the balances they touch,
 * all in one transaction (the caller's, or one of its own). Concurrency: the articles' rows are
 * locked first (ascending id), then the balance rows (ascending article id, location id), so
 * two posters never wait on each other crosswise and the check of what is available sees the
 * committed truth. The database repeats the rules (CHECKs, triggers) as a last line.
 *
 * Valuation is the moving weighted average per article: a receipt from the supplier location
 * into a location that holds goods recomputes it from its unit cost; every other move carries
 * the current average as its unit cost.
 */
export async function postMoves(em: EntityManager, moves: MoveRequest[]): Promise<PostedMove[]> {
  if (!moves.length) return [];
  const run = (tx: EntityManager) => postLocked(tx, moves).catch((error: unknown) => {
    throw translateLedgerError(error, moves[0] as MoveRequest);
  });
  return em.isInTransaction() ? run(em) : em.transactional(run);
}

async function postLocked(tx: EntityManager, moves: MoveRequest[]): Promise<PostedMove[]> {
  for (const m of moves) {
    if (m.fromLocationId === m.toLocationId) throw appError('BAD_REQUEST', 'stock.sameLocation', {}, { field: field(m, 'toLocationId') });
  }
  const locationIds = [...new Set(moves.flatMap((m) => [m.fromLocationId, m.toLocationId]))];
  const locations = new Map(
    (await tx.execute<LocationRow[]>(`select id, kind, code, may_go_negative from stock_locations where id = any(?::uuid[])`, [pgArray(locationIds)])).map((l) => [l.id, l]),
  );
  const articleIds = [...new Set(moves.map((m) => m.articleId))].sort();
  const articles = new Map(
    (
      await tx.execute<ArticleRow[]>(
        `select id, number, stock_kept, average_cost::text, to_char(last_moved_on, 'YYYY-MM-DD') as last_moved_on from articles where id = any(?::uuid[]) order by id for update`,
        [pgArray(articleIds)],
      )
    ).map((a) => [a.id, a]),
  );
  for (const m of moves) {
    const article = articles.get(m.articleId);
    if (!article) throw appError('NOT_FOUND', 'record.notFound', { what: 'Article', id: m.articleId }, { field: field(m, 'articleId') });
    if (!article.stock_kept) throw appError('BAD_REQUEST', 'article.serviceNoStock', { number: article.number }, { field: field(m, 'articleId') });
    for (const [name, id] of [['fromLocationId', m.fromLocationId], ['toLocationId', m.toLocationId]] as const) {
      if (!locations.has(id)) throw appError('NOT_FOUND', 'record.notFound', { what: 'Location', id }, { field: field(m, name) });
    }
  }

  // Balance rows exist (created at zero) and are locked, in one fixed order.
  const pairs = [...new Map(moves.flatMap((m) => [m.fromLocationId, m.toLocationId].map((l) => [key(m.articleId, l), { a: m.articleId, l, n: (locations.get(l) as LocationRow).may_go_negative }]))).values()].sort(
    (x, y) => (x.a === y.a ? (x.l < y.l ? -1 : 1) : x.a < y.a ? -1 : 1),
  );
  await tx.execute(
    `insert into stock_balances (article_id, location_id, may_go_negative, article_number, article_name, base_unit, location_code, location_kind)
     select t.a, t.l, l.may_go_negative, a.number, a.name, a.base_unit, l.code, l.kind
     from jsonb_to_recordset(?::jsonb) as t(a uuid, l uuid) join articles a on a.id = t.a join stock_locations l on l.id = t.l order by t.a, t.l
     on conflict do nothing`,
    [JSON.stringify(pairs)],
  );
  const balances = new Map(
    (
      await tx.execute<BalanceRow[]>(
        `select b.article_id, b.location_id, b.on_hand::text, b.reserved::text from stock_balances b
         join jsonb_to_recordset(?::jsonb) as t(a uuid, l uuid) on b.article_id = t.a and b.location_id = t.l
         order by b.article_id, b.location_id for update of b`,
        [JSON.stringify(pairs.map(({ a, l }) => ({ a, l })))],
      )
    ).map((b) => [key(b.article_id, b.location_id), { onHand: BigInt(b.on_hand), reserved: BigInt(b.reserved) }]),
  );
  // Goods on hand per article (locations that hold goods), for the moving average.
  const stock = new Map(
    (
      await tx.execute<Array<{ article_id: string; stock: string }>>(
        `select article_id, coalesce(sum(on_hand), 0)::text as stock from stock_balances where article_id = any(?::uuid[]) and not may_go_negative group by article_id`,
        [pgArray(articleIds)],
      )
    ).map((r) => [r.article_id, BigInt(r.stock)]),
  );

  const rows: Array<{ article_id: string; from_location_id: string; to_location_id: string; quantity: string; unit_cost: string; source_type: string; source_id: string | null; note: string | null; moved_on: string }> = [];
  for (const m of moves) {
    const article = articles.get(m.articleId) as ArticleRow;
    const from = locations.get(m.fromLocationId) as LocationRow;
    const to = locations.get(m.toLocationId) as LocationRow;
    if (article.last_moved_on && m.movedOn < article.last_moved_on) {
      throw appError('CONFLICT', 'stock.backdated', { number: article.number, last: article.last_moved_on, date: m.movedOn }, { field: field(m, 'movedOn') });
    }
    const quantity = BigInt(m.quantity);
    const release = BigInt(m.releaseReserved ?? 0);
    const fromBalance = balances.get(key(m.articleId, m.fromLocationId)) as { onHand: bigint; reserved: bigint };
    const toBalance = balances.get(key(m.articleId, m.toLocationId)) as { onHand: bigint; reserved: bigint };
    if (!from.may_go_negative) {
      const available = fromBalance.onHand - fromBalance.reserved + release;
      if (quantity > available) {
        throw appError('CONFLICT', 'stock.insufficient', { available: String(available < 0n ? 0n : available), number: article.number, location: from.code, requested: String(quantity) }, { field: field(m, 'quantity') });
      }
    }
    let unitCost = article.average_cost;
    if (from.kind === 'supplier') {
      if (!m.unitCost) throw appError('BAD_REQUEST', 'stock.costRequired', {}, { field: field(m, 'unitCost') });
      unitCost = m.unitCost;
      if (!to.may_go_negative) {
        const before = stock.get(m.articleId) ?? 0n;
        article.average_cost = movingAverage({ stock: before, average: article.average_cost, quantity, unitCost });
      }
    } else if (m.unitCost) {
      throw appError('BAD_REQUEST', 'stock.costOnlyOnReceipt', {}, { field: field(m, 'unitCost') });
    }
    fromBalance.onHand -= quantity;
    fromBalance.reserved -= release;
    toBalance.onHand += quantity;
    if (!from.may_go_negative) stock.set(m.articleId, (stock.get(m.articleId) ?? 0n) - quantity);
    if (!to.may_go_negative) stock.set(m.articleId, (stock.get(m.articleId) ?? 0n) + quantity);
    if (!article.last_moved_on || m.movedOn > article.last_moved_on) article.last_moved_on = m.movedOn;
    rows.push({ article_id: m.articleId, from_location_id: m.fromLocationId, to_location_id: m.toLocationId, quantity: String(quantity), unit_cost: unitCost, source_type: m.sourceType, source_id: m.sourceId ?? null, note: m.note ?? null, moved_on: m.movedOn });
  }

  const inserted = await tx.execute<Array<{ id: string; article_id: string; from_location_id: string; to_location_id: string; quantity: string; unit_cost: string; moved_on: string }>>(
    `insert into stock_moves (article_id, from_location_id, to_location_id, quantity, unit_cost, source_type, source_id, note, moved_on, created_by)
     select t.article_id, t.from_location_id, t.to_location_id, t.quantity, t.unit_cost, t.source_type, t.source_id, t.note, t.moved_on,
            (select id from employees where id = ?::uuid)
     from jsonb_array_elements(?::jsonb) with ordinality as e(j, n),
          jsonb_to_record(e.j) as t(article_id uuid, from_location_id uuid, to_location_id uuid, quantity bigint, unit_cost numeric, source_type text, source_id uuid, note text, moved_on date)
     order by e.n
     returning id::text, article_id, from_location_id, to_location_id, quantity::text, unit_cost::text, to_char(moved_on, 'YYYY-MM-DD') as moved_on`,
    [actorEmployeeId(), JSON.stringify(rows)],
  );
  await tx.execute(
    `update stock_balances b set on_hand = t.on_hand, reserved = t.reserved
     from jsonb_to_recordset(?::jsonb) as t(a uuid, l uuid, on_hand bigint, reserved bigint)
     where b.article_id = t.a and b.location_id = t.l`,
    [JSON.stringify([...balances].map(([k, v]) => ({ a: k.split('/')[0], l: k.split('/')[1], on_hand: String(v.onHand), reserved: String(v.reserved) })))],
  );
  await tx.execute(
    `update articles a set average_cost = t.average_cost, last_moved_on = t.last_moved_on, updated_at = now()
     from jsonb_to_recordset(?::jsonb) as t(id uuid, average_cost numeric, last_moved_on date) where a.id = t.id`,
    [JSON.stringify([...articles.values()].map((a) => ({ id: a.id, average_cost: a.average_cost, last_moved_on: a.last_moved_on })))],
  );
  const posted = inserted.map((r) => ({ id: r.id, articleId: r.article_id, fromLocationId: r.from_location_id, toLocationId: r.to_location_id, quantity: r.quantity, unitCost: r.unit_cost, movedOn: r.moved_on }));
  await writeAudit(
    tx,
    posted.map((p, i) => ({
      action: 'create' as const,
      entity: 'stockMove',
      entityId: p.id,
      changes: Object.fromEntries(Object.entries({ ...p, sourceType: rows[i]?.source_type, sourceId: rows[i]?.source_id, note: rows[i]?.note }).filter(([k]) => k !== 'id').map(([k, v]) => [k, { before: null, after: v ?? null }])),
    })),
  );
  return posted;
}

/** A Postgres array literal of uuids, one parameter (the driver would spread a JS array into a list). */
export const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/** The employee acting (jobs and seeds act as no one). */
const actorEmployeeId = (): string | null => currentActor().id;

/** The database's last line of defence, worded like the service's own refusals. */
function translateLedgerError(error: unknown, first: MoveRequest): unknown {
  if (error instanceof AppError) return error;
  const constraint = (error as { constraint?: string; cause?: { constraint?: string } }).constraint ?? (error as { cause?: { constraint?: string } }).cause?.constraint;
  if (error instanceof CheckConstraintViolationException || constraint) {
    if (constraint === 'stock_balances_on_hand_not_negative' || constraint === 'stock_balances_reserved_within') {
      return appError('CONFLICT', 'stock.insufficient', { available: '0', number: first.articleId, location: first.fromLocationId, requested: String(first.quantity) }, { field: field(first, 'quantity'), cause: error });
    }
    if (constraint === 'stock_moves_not_backdated') {
      return appError('CONFLICT', 'stock.backdated', { number: first.articleId, last: '?', date: first.movedOn }, { field: field(first, 'movedOn'), cause: error });
    }
  }
  return error;
}

/**
 * Reserves up to the wanted quantity of each article at a location (what is available: on hand
 * minus reserved), or releases with a negative quantity. Same locks in the same order as
 * postMoves. Answers what was reserved per item (at most the wanted quantity, maybe less).
 */
export async function reserveStock(tx: EntityManager, items: Array<{ articleId: string; locationId: string; quantity: number }>): Promise<number[]> {
  if (!items.length) return [];
  const articleIds = [...new Set(items.map((i) => i.articleId))].sort();
  await tx.execute(`select id from articles where id = any(?::uuid[]) order by id for update`, [pgArray(articleIds)]);
  const pairs = [...new Map(items.map((i) => [key(i.articleId, i.locationId), { a: i.articleId, l: i.locationId }])).values()].sort((x, y) => (x.a === y.a ? (x.l < y.l ? -1 : 1) : x.a < y.a ? -1 : 1));
  await tx.execute(
    `insert into stock_balances (article_id, location_id, may_go_negative, article_number, article_name, base_unit, location_code, location_kind)
     select t.a, t.l, l.may_go_negative, a.number, a.name, a.base_unit, l.code, l.kind
     from jsonb_to_recordset(?::jsonb) as t(a uuid, l uuid) join articles a on a.id = t.a join stock_locations l on l.id = t.l order by t.a, t.l
     on conflict do nothing`,
    [JSON.stringify(pairs)],
  );
  const balances = new Map(
    (
      await tx.execute<BalanceRow[]>(
        `select b.article_id, b.location_id, b.on_hand::text, b.reserved::text from stock_balances b
         join jsonb_to_recordset(?::jsonb) as t(a uuid, l uuid) on b.article_id = t.a and b.location_id = t.l
         order by b.article_id, b.location_id for update of b`,
        [JSON.stringify(pairs)],
      )
    ).map((b) => [key(b.article_id, b.location_id), { onHand: BigInt(b.on_hand), reserved: BigInt(b.reserved) }]),
  );
  const granted = items.map((item) => {
    const balance = balances.get(key(item.articleId, item.locationId));
    if (!balance) return 0;
    const want = BigInt(item.quantity);
    const free = balance.onHand - balance.reserved;
    const change = want >= 0n ? (want < free ? want : free > 0n ? free : 0n) : want < -balance.reserved ? -balance.reserved : want;
    balance.reserved += change;
    return Number(change);
  });
  await tx.execute(
    `update stock_balances b set reserved = t.reserved from jsonb_to_recordset(?::jsonb) as t(a uuid, l uuid, reserved bigint) where b.article_id = t.a and b.location_id = t.l`,
    [JSON.stringify([...balances].map(([k, v]) => ({ a: k.split('/')[0], l: k.split('/')[1], reserved: String(v.reserved) })))],
  );
  return granted;
}
