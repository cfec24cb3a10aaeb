import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { code, makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/**
 * The stock page reads the balance rows alone (they carry the article's number, name and unit
 * and the location's code): a renamed or renumbered article shows at once, in its new order.
 */
let app: TestApp;
let admin: Client;
let v: Awaited<ReturnType<typeof virtualLocations>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  v = await virtualLocations(admin);
});
afterAll(async () => app?.close());

describe('stock page', () => {
  it('shows an article renamed and renumbered after its stock was posted, in every location, in the new order', async () => {
    const prefix = code('SP');
    const first = await makeArticle(admin, { number: `${prefix}-A`, name: 'Schraube alt' });
    const second = await makeArticle(admin, { number: `${prefix}-B`, name: 'Mutter' });
    const { bins } = await makeWarehouse(admin, 2);
    const [bin1, bin2] = bins.map((b) => b.id) as [string, string];
    for (const [articleId, bin] of [[first.id, bin1], [second.id, bin1], [first.id, bin2]] as const) {
      await admin.inventory.stock.move.mutate({ articleId, fromLocationId: v.supplier, toLocationId: bin, quantity: 4, unitCost: '1', movedOn: '2026-12-01' });
    }
    const page = async (locationId: string) => (await admin.inventory.stock.list.query({ locationId, pageSize: 50 })).items.map((r) => [r.articleNumber, r.articleName, r.baseUnit, r.onHand]);
    expect(await page(bin1)).toEqual([
      [`${prefix}-A`, 'Schraube alt', first.baseUnit, '4'],
      [`${prefix}-B`, 'Mutter', second.baseUnit, '4'],
    ]);

    const current = await admin.inventory.articles.get.query({ id: first.id });
    await admin.inventory.articles.update.mutate({ id: first.id, version: current.version, number: `${prefix}-C`, name: 'Schraube neu', baseUnit: current.baseUnit });

    expect(await page(bin1)).toEqual([
      [`${prefix}-B`, 'Mutter', second.baseUnit, '4'],
      [`${prefix}-C`, 'Schraube neu', first.baseUnit, '4'],
    ]);
    expect(await page(bin2)).toEqual([[`${prefix}-C`, 'Schraube neu', first.baseUnit, '4']]);
    const byArticle = await admin.inventory.stock.list.query({ articleId: first.id });
    expect(byArticle.items.filter((r) => r.locationKind === 'bin').map((r) => [r.articleNumber, r.articleName, r.locationCode])).toEqual(
      bins.map((b) => [`${prefix}-C`, 'Schraube neu', b.code]).sort((x, y) => String(x[2]).localeCompare(String(y[2]))),
    );
    // The supplier location's balance (negative) carries the new name too.
    const supplierRows = (await admin.inventory.stock.list.query({ articleId: first.id, locationId: v.supplier })).items;
    expect(supplierRows.map((r) => [r.articleName, r.locationKind, r.onHand])).toEqual([['Schraube neu', 'supplier', '-8']]);
  });

  it('a balance row created by a move carries the article and location names', async () => {
    const article = await makeArticle(admin, { name: 'Reserviert' });
    const { bins } = await makeWarehouse(admin, 1);
    const bin = bins[0]?.id as string;
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 2, unitCost: '1', movedOn: '2026-12-01' });
    const [row] = await app.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ article_number: string; article_name: string; location_code: string; location_kind: string }>>(
        `select article_number, article_name, location_code, location_kind from stock_balances where article_id = ? and location_id = ?`,
        [article.id, bin],
      );
    expect(row).toEqual({ article_number: article.number, article_name: 'Reserviert', location_code: bins[0]?.code, location_kind: 'bin' });
  });

  it('pages one location by article number with the exact count of its non-zero rows, an emptied balance left out', async () => {
    const prefix = code('SQ');
    const articles = [];
    for (const suffix of ['D', 'A', 'C', 'B']) articles.push(await makeArticle(admin, { number: `${prefix}-${suffix}` }));
    const { bins } = await makeWarehouse(admin, 1);
    const bin = bins[0]?.id as string;
    for (const a of articles) await admin.inventory.stock.move.mutate({ articleId: a.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 2, unitCost: '1', movedOn: '2026-12-01' });
    // B goes out entirely: its balance row stays, at zero, and is not listed or counted.
    const emptied = articles[3]?.id as string;
    await admin.inventory.stock.move.mutate({ articleId: emptied, fromLocationId: bin, toLocationId: v.customer, quantity: 2, movedOn: '2026-12-02' });
    const page = async (n: number) => {
      const r = await admin.inventory.stock.list.query({ locationId: bin, pageSize: 2, page: n });
      return { numbers: r.items.map((i) => i.articleNumber), total: r.total };
    };
    expect(await page(1)).toEqual({ numbers: [`${prefix}-A`, `${prefix}-C`], total: 3 });
    expect(await page(2)).toEqual({ numbers: [`${prefix}-D`], total: 3 });
    expect(await page(3)).toEqual({ numbers: [], total: 3 });
  });
});
