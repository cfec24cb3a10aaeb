import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { invoiceCustomer } from '../helpers/invoices.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/** Every inventory mutation leaves an audit row naming who did it (the services write them with SQL). */
let app: TestApp;
let manager: Client;
let managerId: string;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  const m = await userWithRole(app, 'Manager');
  manager = m.client;
  managerId = m.employee.id;
});
afterAll(async () => app?.close());

const trail = async (entity: string, entityId: string) => (await admin.audit.list.query({ entity, entityId })).items.map((i) => ({ action: i.action, actorId: i.actorId, changes: i.changes }));

describe('inventory audit trail', () => {
  it('locations, moves, stocktakes, orders and deliveries are audited under the acting user', async () => {
    const v = await virtualLocations(manager);
    const article = await makeArticle(manager);
    const { warehouse, bins } = await makeWarehouse(manager);
    const bin = bins[0]?.id as string;
    expect(await trail('stockLocation', warehouse.id)).toEqual([{ action: 'create', actorId: managerId, changes: expect.objectContaining({ kind: { before: null, after: 'warehouse' } }) }]);
    expect(await trail('article', article.id)).toMatchObject([{ action: 'create', actorId: managerId }]);

    const move = await manager.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 5, unitCost: '2', movedOn: '2026-12-01' });
    expect(await trail('stockMove', move.id)).toEqual([
      { action: 'create', actorId: managerId, changes: expect.objectContaining({ quantity: { before: null, after: '5' }, unitCost: { before: null, after: '2.0000' }, toLocationId: { before: null, after: bin } }) },
    ]);

    const stocktake = await manager.inventory.stocktakes.start.mutate({ locationIds: [bin], countedOn: '2026-12-01' });
    const line = stocktake.lines[0] as (typeof stocktake.lines)[number];
    await manager.inventory.stocktakes.count.mutate({ stocktakeId: stocktake.id, locationId: bin, articleId: article.id, countedQuantity: 4 });
    await manager.inventory.stocktakes.close.mutate({ id: stocktake.id });
    expect((await trail('stocktake', stocktake.id)).map((r) => r.action).sort()).toEqual(['create', 'update']);
    expect(await trail('stocktakeLine', line.id)).toMatchObject([{ action: 'update', actorId: managerId, changes: { countedQuantity: { before: null, after: 4 } } }]);

    const order = await manager.inventory.orders.create.mutate({ customerId: (await invoiceCustomer(admin)).id, locationId: bin, orderDate: '2026-12-02', lines: [{ articleId: article.id, quantity: 2 }] });
    const delivered = await manager.inventory.orders.deliver.mutate({ orderId: order.id, deliveredOn: '2026-12-02', lines: [{ orderLineId: order.lines[0]?.id as string, quantity: 2 }] });
    expect(await trail('salesOrder', order.id)).toMatchObject([{ action: 'create', actorId: managerId }]);
    expect(await trail('deliveryNote', delivered.deliveries[0]?.id as string)).toMatchObject([{ action: 'create', actorId: managerId }]);
  });
});
