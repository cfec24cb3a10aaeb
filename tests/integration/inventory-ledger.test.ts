import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { postMoves } from '@workmate/db/inventory/ledger';
import { openOrm } from '@workmate/db/orm';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { testEnv } from '../helpers/env.ts';
import { makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { errorOf, userWithRole, type Client } from '../helpers/users.ts';

/** The stock ledger: moves, balances, the moving average, and what the database refuses. */
let app: TestApp;
let admin: Client;
let v: Awaited<ReturnType<typeof virtualLocations>>;
let pool: MikroORM;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  v = await virtualLocations(admin);
  // Many transactions at once need more connections than the test app's pool of 5.
  pool = await openOrm(testEnv().databaseUrl, { poolMax: 24 });
});
afterAll(async () => {
  await pool?.close();
  await app?.close();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const balance = async (articleId: string, locationId: string) =>
  (await sql<Array<{ on_hand: string; reserved: string }>>(`select on_hand::text, reserved::text from stock_balances where article_id = ? and location_id = ?`, [articleId, locationId]))[0] ?? { on_hand: '0', reserved: '0' };

describe('moving average cost', () => {
  it('equals the hand-computed values: receipts recompute it, issues carry it', async () => {
    const article = await makeArticle(admin);
    const { bins } = await makeWarehouse(admin, 2);
    const bin = bins[0]?.id as string;
    const move = (from: string, to: string, quantity: number, movedOn: string, unitCost?: string) => admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: from, toLocationId: to, quantity, movedOn, unitCost });
    const average = async () => (await admin.inventory.articles.get.query({ id: article.id })).averageCost;

    await move(v.supplier, bin, 10, '2026-01-05', '2.00');
    expect(await average()).toBe('2.0000');
    // (10 × 2.00 + 5 × 3.10) / 15 = 35.50 / 15 = 2.36666… → 2.3667
    await move(v.supplier, bin, 5, '2026-01-06', '3.10');
    expect(await average()).toBe('2.3667');
    // An issue carries the average and leaves it as it is; so does a transfer between bins.
    const issued = await move(bin, v.customer, 4, '2026-01-07');
    expect(issued.unitCost).toBe('2.3667');
    await move(bin, bins[1]?.id as string, 3, '2026-01-07');
    expect(await average()).toBe('2.3667');
    // (11 × 2.3667 + 1 × 1.00) / 12 = 27.0337 / 12 = 2.25280… → 2.2528
    await move(v.supplier, bin, 1, '2026-01-08', '1');
    expect(await average()).toBe('2.2528');
    // With nothing left on hand, the next receipt's cost is the average.
    await move(bin, v.customer, 9, '2026-01-09');
    await move(bins[1]?.id as string, v.loss, 3, '2026-01-09');
    await move(v.supplier, bin, 3, '2026-01-10', '5.55');
    expect(await average()).toBe('5.5500');
    expect(await balance(article.id, bin)).toEqual({ on_hand: '3', reserved: '0' });
  });
});

describe('refusals', () => {
  it('more than is available, a backdated move, a cost on a non-receipt and none on a receipt are refused naming the field', async () => {
    const article = await makeArticle(admin);
    const { bins } = await makeWarehouse(admin, 1);
    const bin = bins[0]?.id as string;
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 2, movedOn: '2026-02-10', unitCost: '1.00' });

    const tooMuch = await errorOf(admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: bin, toLocationId: v.customer, quantity: 3, movedOn: '2026-02-10' }));
    expect(tooMuch).toMatchObject({ code: 'CONFLICT', appCode: 'stock.insufficient', params: { available: '2', requested: '3' } });
    expect(Object.keys(tooMuch.fieldErrors ?? {})).toEqual(['quantity']);

    const backdated = await errorOf(admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: bin, toLocationId: v.customer, quantity: 1, movedOn: '2026-02-09' }));
    expect(backdated).toMatchObject({ code: 'CONFLICT', httpStatus: 409, appCode: 'stock.backdated', params: { last: '2026-02-10', date: '2026-02-09' } });
    expect(Object.keys(backdated.fieldErrors ?? {})).toEqual(['movedOn']);

    const cost = await errorOf(admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: bin, toLocationId: v.customer, quantity: 1, movedOn: '2026-02-10', unitCost: '9.99' }));
    expect(cost).toMatchObject({ code: 'BAD_REQUEST', appCode: 'stock.costOnlyOnReceipt' });
    expect(Object.keys(cost.fieldErrors ?? {})).toEqual(['unitCost']);
    const noCost = await errorOf(admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 1, movedOn: '2026-02-10' }));
    expect(noCost).toMatchObject({ code: 'BAD_REQUEST', appCode: 'stock.costRequired' });

    const fraction = await errorOf(admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: bin, toLocationId: v.customer, quantity: 1.5, movedOn: '2026-02-10' }));
    expect(fraction).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(Object.keys(fraction.fieldErrors ?? {})).toEqual(['quantity']);

    const service = await makeArticle(admin, { stockKept: false, baseUnit: 'HUR' });
    const noStock = await errorOf(admin.inventory.stock.move.mutate({ articleId: service.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 1, movedOn: '2026-02-10', unitCost: '1' }));
    expect(noStock).toMatchObject({ code: 'BAD_REQUEST', appCode: 'article.serviceNoStock' });
    // Nothing of the refused moves reached the ledger or the balance.
    expect(await balance(article.id, bin)).toEqual({ on_hand: '2', reserved: '0' });
    expect(await sql(`select 1 from stock_moves where article_id = ?`, [article.id])).toHaveLength(1);
  });

  it('raw SQL can neither change nor delete a move, nor drive a real balance negative or reserve more than is on hand, nor backdate', async () => {
    const article = await makeArticle(admin);
    const { bins } = await makeWarehouse(admin, 1);
    const bin = bins[0]?.id as string;
    const move = await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 5, movedOn: '2026-03-01', unitCost: '1' });
    await expect(sql(`update stock_moves set quantity = 50 where id = ?`, [move.id])).rejects.toThrow(/append-only/);
    await expect(sql(`delete from stock_moves where id = ?`, [move.id])).rejects.toThrow(/append-only/);
    await expect(sql(`update stock_balances set on_hand = -1 where article_id = ? and location_id = ?`, [article.id, bin])).rejects.toThrow(/stock_balances_on_hand_not_negative/);
    await expect(sql(`update stock_balances set reserved = 6 where article_id = ? and location_id = ?`, [article.id, bin])).rejects.toThrow(/stock_balances_reserved_within/);
    await expect(
      sql(`insert into stock_moves (article_id, from_location_id, to_location_id, quantity, unit_cost, source_type, moved_on) values (?, ?, ?, 1, 1, 'manual', '2026-02-28')`, [article.id, bin, v.customer]),
    ).rejects.toThrow(/dated before/);
    // The virtual supplier location may go negative: that is where goods come from.
    expect(await balance(article.id, v.supplier)).toEqual({ on_hand: '-5', reserved: '0' });
    expect(await sql(`select quantity::text from stock_moves where id = ?`, [move.id])).toEqual([{ quantity: '5' }]);
  });
});

describe('concurrency', () => {
  it('20 concurrent deliveries of the last unit: exactly one succeeds, the others are refused', async () => {
    const article = await makeArticle(admin);
    const { bins } = await makeWarehouse(admin, 1);
    const bin = bins[0]?.id as string;
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 1, movedOn: '2026-04-01', unitCost: '3' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => postMoves(pool.em.fork(), [{ articleId: article.id, fromLocationId: bin, toLocationId: v.customer, quantity: 1, movedOn: '2026-04-01', sourceType: 'delivery' }])),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as { issue?: { code: string } }).issue?.code);
    expect(refusals).toEqual(Array.from({ length: 19 }, () => 'stock.insufficient'));
    expect(await balance(article.id, bin)).toEqual({ on_hand: '0', reserved: '0' });
    expect(await balance(article.id, v.customer)).toEqual({ on_hand: '1', reserved: '0' });
  });

  it('8 workers moving several articles between bins in both directions never deadlock', async () => {
    const articles = [await makeArticle(admin), await makeArticle(admin), await makeArticle(admin)];
    const { bins } = await makeWarehouse(admin, 3);
    const binIds = bins.map((b) => b.id);
    for (const a of articles) for (const b of binIds) await postMoves(pool.em.fork(), [{ articleId: a.id, fromLocationId: v.supplier, toLocationId: b, quantity: 1000, unitCost: '1', movedOn: '2026-05-01', sourceType: 'receipt' }]);
    const errors: string[] = [];
    let posted = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let round = 0; round < 25; round++) {
          // Each transaction moves every article from one bin to another, listed in an order of
          // its own (reversed for odd workers): without the fixed lock order these would deadlock.
          const from = binIds[(worker + round) % 3] as string;
          const to = binIds[(worker + round + 1) % 3] as string;
          const moves = articles.map((a) => ({ articleId: a.id, fromLocationId: worker % 2 ? to : from, toLocationId: worker % 2 ? from : to, quantity: 1 + ((worker + round) % 5), movedOn: '2026-05-01', sourceType: 'transfer' as const }));
          try {
            await postMoves(pool.em.fork(), worker % 2 ? moves.reverse() : moves);
            posted++;
          } catch (error) {
            errors.push(String((error as Error).message));
          }
        }
      }),
    );
    expect(errors).toEqual([]);
    expect(posted).toBe(200);
    // Every article still has its 3000 pieces, spread over the bins.
    for (const a of articles) {
      const [row] = await sql<Array<{ total: string }>>(`select sum(on_hand)::text as total from stock_balances where article_id = ? and location_id = any(?::uuid[])`, [a.id, `{${binIds.join(',')}}`]);
      expect(row?.total).toBe('3000');
    }
  });
});
