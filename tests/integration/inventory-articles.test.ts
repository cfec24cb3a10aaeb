import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { code, makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/** Articles (units, prices, supplier prices), locations and their audit trail. */
let app: TestApp;
let admin: Client;
let supplierId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  const [row] = await app.orm.em.fork().getConnection().execute<Array<{ id: string }>>(`insert into suppliers (id, name, country_code, version, created_at, updated_at) values (gen_random_uuid(), ?, 'DE', 1, now(), now()) returning id`, [code('Lieferant')]);
  supplierId = (row as { id: string }).id;
});
afterAll(async () => app?.close());

describe('articles', () => {
  it('keep units, sales prices per quantity and purchase prices per supplier; changes are audited', async () => {
    const number = code('KAB');
    const article = await admin.inventory.articles.create.mutate({
      number,
      name: 'Kabel NYM 3x1,5',
      baseUnit: 'MTR',
      vatRate: 19,
      reorderPoint: 100,
      reorderQuantity: 500,
      units: [{ unit: 'SET', factor: 50 }],
      salesPrices: [{ minQuantity: 1, netPrice: '1.20' }, { minQuantity: 100, netPrice: '0.9850' }],
      supplierPrices: [{ supplierId, supplierArticleNumber: 'NYM-315', minQuantity: 1, netPrice: '0.61' }],
    });
    expect(article).toMatchObject({ number, baseUnit: 'MTR', vatRate: '19', stockKept: true, onHand: '0', averageCost: '0.0000', reorderPoint: '100', reorderQuantity: '500', version: 1 });
    expect(article.units).toEqual([{ unit: 'SET', factor: 50 }]);
    expect(article.salesPrices).toEqual([{ minQuantity: '1', netPrice: '1.2000' }, { minQuantity: '100', netPrice: '0.9850' }]);
    expect(article.supplierPrices).toMatchObject([{ supplierId, supplierArticleNumber: 'NYM-315', minQuantity: '1', netPrice: '0.6100' }]);

    const updated = await admin.inventory.articles.update.mutate({ id: article.id, version: 1, number, name: 'Kabel NYM-J 3x1,5', baseUnit: 'MTR', vatRate: 7, units: [], salesPrices: [{ minQuantity: 1, netPrice: '1.10' }] });
    expect(updated).toMatchObject({ name: 'Kabel NYM-J 3x1,5', vatRate: '7', version: 2, units: [], supplierPrices: [] });
    const stale = await errorOf(admin.inventory.articles.update.mutate({ id: article.id, version: 1, number, name: 'X', baseUnit: 'MTR' }));
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'record.staleVersion' });

    const trail = await admin.audit.list.query({ entity: 'article', entityId: article.id });
    expect(trail.items.map((i) => i.action).sort()).toEqual(['create', 'update']);
    expect(trail.items.find((i) => i.action === 'update')?.changes).toMatchObject({ name: { before: 'Kabel NYM 3x1,5', after: 'Kabel NYM-J 3x1,5' } });
  });

  it('refuses a taken number, the base unit as alternative unit, two prices at one quantity and bad fields, naming the field', async () => {
    const first = await makeArticle(admin);
    const taken = await errorOf(makeArticle(admin, { number: first.number }));
    expect(taken).toMatchObject({ code: 'CONFLICT', appCode: 'article.numberTaken' });
    expect(Object.keys(taken.fieldErrors ?? {})).toEqual(['number']);
    const base = await errorOf(makeArticle(admin, { baseUnit: 'H87', units: [{ unit: 'H87', factor: 10 }] }));
    expect(base).toMatchObject({ code: 'BAD_REQUEST', appCode: 'article.unitIsBase' });
    expect(Object.keys(base.fieldErrors ?? {})).toEqual(['units.0.unit']);
    const twice = await errorOf(makeArticle(admin, { salesPrices: [{ minQuantity: 5, netPrice: '1' }, { minQuantity: 5, netPrice: '2' }] }));
    expect(Object.keys(twice.fieldErrors ?? {})).toEqual(['salesPrices.1.minQuantity']);
    const unit = await errorOf(makeArticle(admin, { baseUnit: 'Stk' as 'H87' }));
    expect(unit).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(Object.keys(unit.fieldErrors ?? {})).toEqual(['baseUnit']);
    const factor = await errorOf(makeArticle(admin, { units: [{ unit: 'PK', factor: 2.5 }] }));
    expect(Object.keys(factor.fieldErrors ?? {})).toEqual(['units.0.factor']);
    const vat = await errorOf(makeArticle(admin, { vatRate: 16 as 19 }));
    expect(Object.keys(vat.fieldErrors ?? {})).toEqual(['vatRate']);
    const price = await errorOf(makeArticle(admin, { salesPrices: [{ minQuantity: 1, netPrice: '1.23456' }] }));
    expect(Object.keys(price.fieldErrors ?? {})).toEqual(['salesPrices.0.netPrice']);
    const supplier = await errorOf(makeArticle(admin, { supplierPrices: [{ supplierId: '00000000-0000-4000-8000-000000000000', minQuantity: 1, netPrice: '1' }] }));
    expect(supplier).toMatchObject({ code: 'NOT_FOUND' });
    expect(Object.keys(supplier.fieldErrors ?? {})).toEqual(['supplierPrices.0.supplierId']);
  });

  it('keeps the base unit once an article has moves', async () => {
    const article = await makeArticle(admin);
    const { bins } = await makeWarehouse(admin);
    const v = await virtualLocations(admin);
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bins[0]?.id as string, quantity: 1, movedOn: '2026-06-01', unitCost: '1' });
    const refused = await errorOf(admin.inventory.articles.update.mutate({ id: article.id, number: article.number, name: article.name, baseUnit: 'KGM' }));
    expect(refused).toMatchObject({ code: 'CONFLICT', appCode: 'article.baseUnitMoved' });
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual(['baseUnit']);
  });

  it('lists and searches articles with their stock', async () => {
    const article = await makeArticle(admin, { name: 'Dübel 8mm Suchtest' });
    const found = await admin.inventory.articles.list.query({ search: 'Suchtest' });
    expect(found.items.map((i) => i.id)).toContain(article.id);
    expect(found.items.find((i) => i.id === article.id)).toMatchObject({ onHand: '0', reserved: '0' });
  });
});

describe('locations', () => {
  it('nest warehouse → zone → bin; the virtual ones exist once each', async () => {
    const { warehouse, zone, bins } = await makeWarehouse(admin, 2);
    expect(bins[1]).toMatchObject({ kind: 'bin', parentId: zone.id, path: `${warehouse.code}/A/A-02` });
    const all = await admin.inventory.locations.list.query();
    expect(all.filter((l) => l.virtual).map((l) => l.kind).sort()).toEqual(['blocked', 'customer', 'loss', 'supplier', 'transit']);
    const binInWarehouse = await errorOf(admin.inventory.locations.create.mutate({ kind: 'bin', code: 'X', name: 'X', parentId: warehouse.id }));
    expect(binInWarehouse).toMatchObject({ code: 'BAD_REQUEST', appCode: 'location.parentKind' });
    expect(Object.keys(binInWarehouse.fieldErrors ?? {})).toEqual(['parentId']);
    const twice = await errorOf(admin.inventory.locations.create.mutate({ kind: 'bin', code: 'a-01', name: 'Doppelt', parentId: zone.id }));
    expect(twice).toMatchObject({ code: 'CONFLICT', appCode: 'location.codeTaken' });
    const zoneAlone = await errorOf(admin.inventory.locations.create.mutate({ kind: 'zone', code: 'Z', name: 'Z' }));
    expect(Object.keys(zoneAlone.fieldErrors ?? {})).toEqual(['parentId']);
  });

  it('an employee may read and move stock but not create locations; an auditor may only read', async () => {
    const employee = (await userWithRole(app, 'Employee')).client;
    const auditor = (await userWithRole(app, 'Auditor')).client;
    expect(await codeOf(employee.inventory.locations.create.mutate({ kind: 'warehouse', code: code('W'), name: 'W' }))).toBe('FORBIDDEN');
    expect(await codeOf(auditor.inventory.articles.list.query({}))).toBe('OK');
    expect(await codeOf(makeArticle(auditor))).toBe('FORBIDDEN');
    expect(await codeOf(makeArticle(employee))).toBe('OK');
  });
});
