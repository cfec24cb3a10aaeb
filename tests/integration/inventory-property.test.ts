import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMoves, type MoveRequest } from '@workmate/db/inventory/ledger';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { makeArticle, makeWarehouse, prng, virtualLocations } from '../helpers/inventory.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/**
 * Property: after 10,000 random moves (seeded, so every run is the same), the balance of each
 * (article, location) equals the sum of the moves into it minus the moves out of it, and equals
 * a model kept beside the run. Batches that ask for more than is available are refused whole
 * and leave no trace.
 */
let app: TestApp;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
});
afterAll(async () => app?.close());

const sql = <T extends object[]>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

describe('stock ledger property', () => {
  it('10,000 random moves: every balance equals moves in minus moves out', { timeout: 120_000 }, async () => {
    const random = prng(17);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const v = await virtualLocations(admin);
    const articles = await Promise.all(Array.from({ length: 4 }, () => makeArticle(admin)));
    const { bins } = await makeWarehouse(admin, 4);
    const real = bins.map((b) => b.id);
    const virtual = [v.supplier, v.customer, v.loss];
    const mayGoNegative = new Set(virtual);
    const model = new Map<string, bigint>();
    const at = (a: string, l: string) => model.get(`${a}/${l}`) ?? 0n;

    let posted = 0;
    let refusedBatches = 0;
    let day = 0;
    while (posted < 10_000) {
      if (random() < 0.05) day++;
      const movedOn = new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10);
      const batch: MoveRequest[] = [];
      const size = 1 + Math.floor(random() * 40);
      for (let i = 0; i < size && posted + batch.length < 10_000; i++) {
        const articleId = pick(articles).id;
        const from = random() < 0.3 ? v.supplier : pick([...real, ...real, v.customer, v.loss]);
        let to = pick([...real, ...real, ...virtual]);
        while (to === from) to = pick([...real, ...virtual]);
        batch.push({ articleId, fromLocationId: from, toLocationId: to, quantity: 1 + Math.floor(random() * 30), unitCost: from === v.supplier ? `${Math.floor(random() * 1000)}.${Math.floor(random() * 100)}` : undefined, movedOn, sourceType: 'manual' });
      }
      // What the model says would happen; a batch that overdraws a real location must be refused.
      const next = new Map(model);
      let overdraws = false;
      for (const m of batch) {
        const fromKey = `${m.articleId}/${m.fromLocationId}`;
        const left = (next.get(fromKey) ?? 0n) - BigInt(m.quantity);
        if (left < 0n && !mayGoNegative.has(m.fromLocationId)) overdraws = true;
        next.set(fromKey, left);
        next.set(`${m.articleId}/${m.toLocationId}`, (next.get(`${m.articleId}/${m.toLocationId}`) ?? 0n) + BigInt(m.quantity));
      }
      try {
        await postMoves(app.orm.em.fork(), batch);
        expect(overdraws, 'a batch that overdraws was posted').toBe(false);
        for (const [k, q] of next) model.set(k, q);
        posted += batch.length;
      } catch (error) {
        expect((error as { issue?: { code: string } }).issue?.code).toBe('stock.insufficient');
        expect(overdraws, 'a batch within the stock was refused').toBe(true);
        refusedBatches++;
      }
    }
    const ids = `{${articles.map((a) => a.id).join(',')}}`;
    const [moves] = await sql<Array<{ n: string }>>(`select count(*)::text as n from stock_moves where article_id = any(?::uuid[])`, [ids]);
    expect(moves?.n).toBe('10000');
    expect(refusedBatches).toBeGreaterThan(0);
    // Balances against the ledger, in SQL: no row may differ.
    const differing = await sql<Array<Record<string, unknown>>>(
      `with flows as (
         select article_id, to_location_id as location_id, quantity as q from stock_moves where article_id = any(?::uuid[])
         union all select article_id, from_location_id, -quantity from stock_moves where article_id = any(?::uuid[])
       ), sums as (select article_id, location_id, sum(q) as q from flows group by 1, 2)
       select coalesce(s.article_id, b.article_id) as article_id, coalesce(s.location_id, b.location_id) as location_id, s.q as ledger, b.on_hand
       from sums s full join (select * from stock_balances where article_id = any(?::uuid[])) b on b.article_id = s.article_id and b.location_id = s.location_id
       where coalesce(s.q, 0) <> coalesce(b.on_hand, 0)`,
      [ids, ids, ids],
    );
    expect(differing).toEqual([]);
    // And against the model.
    const balances = await sql<Array<{ article_id: string; location_id: string; on_hand: string }>>(`select article_id, location_id, on_hand::text from stock_balances where article_id = any(?::uuid[])`, [ids]);
    for (const b of balances) expect(BigInt(b.on_hand), `${b.article_id}/${b.location_id}`).toBe(at(b.article_id, b.location_id));
    for (const b of balances) if (real.includes(b.location_id)) expect(BigInt(b.on_hand) >= 0n).toBe(true);
  });
});
