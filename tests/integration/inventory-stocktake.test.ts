import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { errorOf, userWithRole, type Client } from '../helpers/users.ts';

/** Stocktaking (snapshot, counts per bin, close posts the differences) and the reorder list. */
let app: TestApp;
let admin: Client;
let v: Awaited<ReturnType<typeof virtualLocations>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  v = await virtualLocations(admin);
});
afterAll(async () => app?.close());

const receive = (articleId: string, binId: string, quantity: number, movedOn = '2026-08-01') =>
  admin.inventory.stock.move.mutate({ articleId, fromLocationId: v.supplier, toLocationId: binId, quantity, unitCost: '2.00', movedOn });
const onHand = async (articleId: string, locationId: string) => (await admin.inventory.stock.list.query({ articleId, locationId })).items[0]?.onHand ?? '0';

describe('stocktaking', () => {
  it('after close, book stock equals counted stock; the differences went to and from the loss location', async () => {
    const [screws, dowels, found] = [await makeArticle(admin), await makeArticle(admin), await makeArticle(admin)];
    const { warehouse, bins } = await makeWarehouse(admin, 2);
    const [bin1, bin2] = bins.map((b) => b.id) as [string, string];
    await receive(screws.id, bin1, 100);
    await receive(dowels.id, bin1, 40);
    await receive(dowels.id, bin2, 7);

    // The whole warehouse: its bins are inside it.
    const stocktake = await admin.inventory.stocktakes.start.mutate({ locationIds: [warehouse.id], countedOn: '2026-08-02' });
    expect(stocktake.number).toMatch(/^INV-\d{4}-\d{4}$/);
    expect(stocktake.lines.map((l) => [l.articleId, l.locationId, l.bookQuantity, l.countedQuantity]).sort()).toEqual(
      [[screws.id, bin1, '100', null], [dowels.id, bin1, '40', null], [dowels.id, bin2, '7', null]].sort(),
    );
    const count = (articleId: string, locationId: string, countedQuantity: number) => admin.inventory.stocktakes.count.mutate({ stocktakeId: stocktake.id, articleId, locationId, countedQuantity });
    await count(screws.id, bin1, 97);
    await count(dowels.id, bin1, 40);
    // Not counted yet: the close is refused.
    const early = await errorOf(admin.inventory.stocktakes.close.mutate({ id: stocktake.id }));
    expect(early).toMatchObject({ code: 'CONFLICT', appCode: 'stocktake.uncounted', params: { count: 1 } });
    await count(dowels.id, bin2, 0);
    // Counted again: the last count counts.
    await count(screws.id, bin1, 98);
    // Found in a bin where the book has none.
    await count(found.id, bin2, 3);

    const closed = await admin.inventory.stocktakes.close.mutate({ id: stocktake.id });
    expect(closed.status).toBe('closed');
    for (const line of closed.lines) expect(await onHand(line.articleId, line.locationId), `${line.articleNumber} in ${line.locationCode}`).toBe(line.countedQuantity);
    expect(closed.lines.map((l) => [l.articleId, l.locationId, l.postedDifference]).sort()).toEqual(
      [[screws.id, bin1, '-2'], [dowels.id, bin1, '0'], [dowels.id, bin2, '-7'], [found.id, bin2, '3']].sort(),
    );
    const moves = await admin.inventory.stock.moves.query({ articleId: screws.id });
    expect(moves.items[0]).toMatchObject({ fromCode: 'A-01', toCode: 'LOSS', quantity: '2', sourceType: 'stocktake', movedOn: '2026-08-02', unitCost: '2.0000' });

    // Closed is closed.
    const late = await errorOf(count(screws.id, bin1, 1));
    expect(late).toMatchObject({ code: 'CONFLICT', appCode: 'stocktake.closed' });
    expect(Object.keys(late.fieldErrors ?? {})).toEqual(['stocktakeId']);
    const again = await errorOf(admin.inventory.stocktakes.close.mutate({ id: stocktake.id }));
    expect(again).toMatchObject({ code: 'CONFLICT', appCode: 'stocktake.closed' });
  });

  it('refuses virtual locations, empty locations and negative counts, naming the field', async () => {
    const virtual = await errorOf(admin.inventory.stocktakes.start.mutate({ locationIds: [v.loss], countedOn: '2026-08-02' }));
    expect(virtual).toMatchObject({ code: 'BAD_REQUEST', appCode: 'location.notReal' });
    expect(Object.keys(virtual.fieldErrors ?? {})).toEqual(['locationIds.0']);
    const { bins } = await makeWarehouse(admin);
    const empty = await errorOf(admin.inventory.stocktakes.start.mutate({ locationIds: [bins[0]?.id as string], countedOn: '2026-08-02' }));
    expect(empty).toMatchObject({ code: 'BAD_REQUEST', appCode: 'stocktake.empty' });
    const article = await makeArticle(admin);
    await receive(article.id, bins[0]?.id as string, 1);
    const stocktake = await admin.inventory.stocktakes.start.mutate({ locationIds: [bins[0]?.id as string], countedOn: '2026-08-02' });
    const negative = await errorOf(admin.inventory.stocktakes.count.mutate({ stocktakeId: stocktake.id, locationId: bins[0]?.id as string, articleId: article.id, countedQuantity: -1 }));
    expect(negative).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(Object.keys(negative.fieldErrors ?? {})).toEqual(['countedQuantity']);
  });
});

describe('reorder proposals', () => {
  it('lists stock-kept articles whose available stock is at or below the reorder point, with the cheapest supplier', async () => {
    const { bins } = await makeWarehouse(admin);
    const bin = bins[0]?.id as string;
    const low = await makeArticle(admin, { reorderPoint: 10, reorderQuantity: 50 });
    const exactly = await makeArticle(admin, { reorderPoint: 10 });
    const enough = await makeArticle(admin, { reorderPoint: 10 });
    const noPoint = await makeArticle(admin);
    await receive(low.id, bin, 4);
    await receive(exactly.id, bin, 10);
    await receive(enough.id, bin, 11);
    await receive(noPoint.id, bin, 1);
    // Stock in the blocked location is not available.
    await receive(enough.id, v.blocked, 100);
    await admin.inventory.stock.move.mutate({ articleId: enough.id, fromLocationId: bin, toLocationId: v.blocked, quantity: 1, movedOn: '2026-08-01' });

    const list = await admin.inventory.stock.reorder.query();
    const mine = list.filter((p) => [low.id, exactly.id, enough.id, noPoint.id].includes(p.articleId));
    // Most short first; the article without a reorder point and the one above it are not listed.
    expect(mine[0]).toMatchObject({ articleId: low.id, available: '4', proposedQuantity: '50' });
    expect(mine.map((p) => [p.articleId, p.available, p.proposedQuantity]).sort()).toEqual(
      [[low.id, '4', '50'], [exactly.id, '10', '1'], [enough.id, '10', '1']].sort(),
    );
  });
});
