// Inventory: the on-hand read of one article and a page of stock by location, with 1,000,000
// stock moves in the ledger, against the raw SELECT of the balance table. The reads never sum
// the moves: the balances are kept in the same transaction as the moves (postMoves), and the
// stock page reads only the balance table (the rows carry article number/name and location code).
import type { BenchContext, Client, Result } from '../lib/context.ts';
import { round, sampleBoth } from '../lib/measure.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const MOVES = 1_000_000;
const ARTICLES = 100;
const BINS = 50;

/**
 * 100 articles, a warehouse BENCH with one zone and 50 bins, and 1,000,000 moves set-based:
 * every even move a receipt of 3 from the supplier location into a bin, every odd one an issue
 * of 1 from that bin to the customer location, dated forward; the balances are then the sums of
 * the moves (as postMoves would have kept them), and each article's last move date is set.
 */
async function seedInventory(ctx: BenchContext, log: (line: string) => void): Promise<void> {
  const { rows } = await ctx.raw.query(`select count(*)::int as n from stock_moves where source_type = 'bench'`);
  if ((rows[0] as { n: number }).n >= MOVES) return;
  const t0 = performance.now();
  await ctx.raw.query('begin');
  try {
    await ctx.raw.query(`insert into articles (number, name, base_unit, vat_rate, average_cost)
      select 'BENCH-' || lpad(g::text, 4, '0'), 'Benchmark-Artikel ' || g, 'H87', 19, 2 from generate_series(1, $1) g on conflict (number) do nothing`, [ARTICLES]);
    await ctx.raw.query(`insert into stock_locations (kind, code, name) select 'warehouse', 'BENCH', 'Benchmark-Lager' where not exists (select 1 from stock_locations where code = 'BENCH' and parent_id is null)`);
    await ctx.raw.query(`insert into stock_locations (kind, code, name, parent_id) select 'zone', 'Z', 'Zone', id from stock_locations w where code = 'BENCH' and parent_id is null
      and not exists (select 1 from stock_locations z where z.parent_id = w.id)`);
    await ctx.raw.query(`insert into stock_locations (kind, code, name, parent_id)
      select 'bin', 'B-' || lpad(g::text, 3, '0'), 'Fach ' || g, z.id from stock_locations z join stock_locations w on w.id = z.parent_id and w.code = 'BENCH' and w.parent_id is null, generate_series(1, $1) g
      on conflict do nothing`, [BINS]);
    await ctx.raw.query(`delete from stock_balances where article_id in (select id from articles where number like 'BENCH-%')`);
    await ctx.raw.query(`
      with a as (select row_number() over (order by number) - 1 as i, id from articles where number like 'BENCH-%'),
           b as (select row_number() over (order by l.code) - 1 as i, l.id from stock_locations l join stock_locations z on z.id = l.parent_id join stock_locations w on w.id = z.parent_id where w.code = 'BENCH'),
           v as (select (select id from stock_locations where kind = 'supplier' and virtual) as supplier, (select id from stock_locations where kind = 'customer' and virtual) as customer)
      insert into stock_moves (article_id, from_location_id, to_location_id, quantity, unit_cost, source_type, moved_on)
      select a.id, case when g % 2 = 0 then v.supplier else b.id end, case when g % 2 = 0 then b.id else v.customer end,
             case when g % 2 = 0 then 3 else 1 end, 2, 'bench', date '2020-01-01' + (g / 2000)
      from generate_series(0, $1 - 1) g
      join a on a.i = (g / 2) % $2
      join b on b.i = (g / 2 / $2) % $3
      cross join v`, [MOVES, ARTICLES, BINS]);
    await ctx.raw.query(`
      insert into stock_balances (article_id, location_id, may_go_negative, on_hand, article_number, article_name, base_unit, location_code, location_kind)
      select f.article_id, f.location_id, l.may_go_negative, sum(f.q), a.number, a.name, a.base_unit, l.code, l.kind
      from (select article_id, to_location_id as location_id, quantity as q from stock_moves where source_type = 'bench'
            union all select article_id, from_location_id, -quantity from stock_moves where source_type = 'bench') f
      join stock_locations l on l.id = f.location_id
      join articles a on a.id = f.article_id
      group by f.article_id, f.location_id, l.may_go_negative, a.number, a.name, a.base_unit, l.code, l.kind
      on conflict (article_id, location_id) do update set on_hand = stock_balances.on_hand + excluded.on_hand`);
    await ctx.raw.query(`update articles a set last_moved_on = m.last from (select article_id, max(moved_on) as last from stock_moves where source_type = 'bench' group by 1) m where m.article_id = a.id`);
    await ctx.raw.query('commit');
  } catch (error) {
    await ctx.raw.query('rollback');
    throw error;
  }
  await ctx.raw.query('analyze stock_moves; analyze stock_balances; analyze articles; analyze stock_locations');
  log(`  seeded ${MOVES.toLocaleString('en')} stock moves in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

export async function inventoryReads(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  await seedInventory(ctx, log);
  // The state a live table is in once autovacuum has passed after the bulk load: the visibility
  // map set, so an index-only scan need not visit the table. The bench's database server runs only
  // while the bench does, so autovacuum never gets to it; both sides read the same table.
  await ctx.raw.query('vacuum (analyze) stock_balances');
  const { rows: [article] } = await ctx.raw.query(`select id from articles where number = 'BENCH-0042'`);
  const { rows: [bin] } = await ctx.raw.query(`select l.id from stock_locations l join stock_locations z on z.id = l.parent_id join stock_locations w on w.id = z.parent_id where w.code = 'BENCH' and l.code = 'B-007'`);
  const { rows: [moves] } = await ctx.raw.query(`select count(*)::int as n from stock_moves where article_id = $1`, [article.id]);
  log(`  article BENCH-0042 has ${moves.n.toLocaleString('en')} moves`);
  const cases: Array<{ id: string; scenario: string; call: (c: Client) => Promise<unknown>; raw: { text: string; values: unknown[] } }> = [
    {
      id: 'inventory-on-hand',
      scenario: `inventory.stock.onHand: one article of ${ARTICLES} (${moves.n.toLocaleString('en')} of ${MOVES.toLocaleString('en')} moves)`,
      call: (c) => c.inventory.stock.onHand.query({ articleId: article.id }),
      raw: { text: `select on_hand, reserved from stock_balances where article_id = $1`, values: [article.id] },
    },
    {
      id: 'inventory-stock-page',
      scenario: `inventory.stock.list: one bin, 50 a page (${ARTICLES} articles in it)`,
      call: (c) => c.inventory.stock.list.query({ locationId: bin.id, pageSize: 50 }),
      raw: { text: `select * from stock_balances where location_id = $1 order by article_id limit 50`, values: [bin.id] },
    },
  ];
  const results: Result[] = [];
  for (const c of cases) {
    // Our SQL (what the procedure sends, replayed through raw pg) against the raw SELECT of the balance table.
    const statements = await ctx.sqlOf(c.call);
    const sql = await sampleBoth(REQUESTS, () => ctx.replay(statements), () => ctx.raw.query(c.raw.text, c.raw.values));
    const ratio = sql.ours.p50 / sql.limit.p50;
    results.push({
      id: c.id,
      scenario: c.scenario,
      ours: { what: `the procedure's ${statements.length} SQL statement(s) through raw pg`, p50: round(sql.ours.p50, 3), p99: round(sql.ours.p99, 3), throughput: round(sql.ours.throughput) },
      limit: { what: 'raw SELECT of the balance table', p50: round(sql.limit.p50, 3), p99: round(sql.limit.p99, 3), throughput: round(sql.limit.throughput) },
      compares: 'p50',
      ratio: round(ratio, 3),
      goal: 'p50 ≤ 1.2×',
      met: ratio <= 1.2,
    });
    log(`  ${c.id}: our SQL p50 ${sql.ours.p50.toFixed(3)} ms, raw balance SELECT p50 ${sql.limit.p50.toFixed(3)} ms → ${ratio.toFixed(2)}×`);
    // The whole way, for the record: the typed client over HTTP against the same raw SELECT.
    const api = await sampleBoth(REQUESTS, () => c.call(ctx.client), () => ctx.raw.query(c.raw.text, c.raw.values));
    results.push({
      id: `${c.id}-api`,
      scenario: `${c.scenario}, through the API`,
      ours: { what: 'typed client → API process over HTTP', p50: round(api.ours.p50, 2), p99: round(api.ours.p99, 2), throughput: round(api.ours.throughput) },
      limit: { what: 'raw SELECT of the balance table', p50: round(api.limit.p50, 3), p99: round(api.limit.p99, 3), throughput: round(api.limit.throughput) },
      compares: 'p50',
      ratio: round(api.ours.p50 / api.limit.p50, 3),
      goal: 'reported',
      met: null,
    });
    log(`  ${c.id} via API: p50 ${api.ours.p50.toFixed(2)} ms`);
  }
  return results;
}
