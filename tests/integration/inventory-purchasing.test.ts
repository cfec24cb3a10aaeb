import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { sampleXml, uploadEInvoice } from '../helpers/einvoices.ts';
import { code, makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/** Purchasing: purchase order → partial goods receipts with a quality check → link to the supplier invoice; invoiced ≤ received ≤ ordered. */
let app: TestApp;
let admin: Client;
let adminToken: string;
let v: Awaited<ReturnType<typeof virtualLocations>>;
beforeAll(async () => {
  app = await startTestApp();
  const user = await userWithRole(app, 'Admin');
  admin = user.client;
  adminToken = user.token;
  v = await virtualLocations(admin);
});
afterAll(async () => app?.close());

const sql = <T extends object[]>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const randomVatId = () => `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

/** A supplier invoice from the inbox, and its supplier. */
async function supplierInvoice(vatId = randomVatId()): Promise<{ invoiceId: string; supplierId: string }> {
  const answer = await uploadEInvoice(app, adminToken, await sampleXml('UBL', { vatId }));
  if (!answer.body.invoice) throw new Error(`upload failed: ${answer.status}`);
  const [row] = await sql<Array<{ supplier_id: string }>>(`select supplier_id from supplier_invoices where id = ?`, [answer.body.invoice.id]);
  return { invoiceId: answer.body.invoice.id, supplierId: (row as { supplier_id: string }).supplier_id };
}

describe('purchasing', () => {
  it('orders at the supplier price, receives in parts with rejects into the blocked location, and links the invoice', async () => {
    const { invoiceId, supplierId } = await supplierInvoice();
    const article = await makeArticle(admin, { supplierPrices: [{ supplierId, minQuantity: 1, netPrice: '2.00' }, { supplierId, minQuantity: 10, netPrice: '1.50' }] });
    const { bins } = await makeWarehouse(admin);
    const bin = bins[0]?.id as string;
    const order = await admin.inventory.purchasing.create.mutate({ supplierId, locationId: bin, orderDate: '2026-10-01', lines: [{ articleId: article.id, quantity: 10 }] });
    expect(order.number).toMatch(/^BE-\d{4}-\d{4}$/);
    const line = order.lines[0] as (typeof order.lines)[number];
    expect(line).toMatchObject({ unitPrice: '1.5000', quantity: '10', received: '0', invoiced: '0' });

    const first = await admin.inventory.purchasing.receive.mutate({ orderId: order.id, receivedOn: '2026-10-02', lines: [{ orderLineId: line.id, quantity: 6, rejected: 2 }] });
    expect(first.receipts[0]?.number).toMatch(/^WE-\d{4}-\d{4}$/);
    expect(first.lines[0]).toMatchObject({ received: '6', rejected: '2' });
    const stock = async (locationId: string) => (await admin.inventory.stock.list.query({ articleId: article.id, locationId })).items[0]?.onHand ?? '0';
    expect(await stock(bin)).toBe('4');
    expect(await stock(v.blocked)).toBe('2');
    expect((await admin.inventory.articles.get.query({ id: article.id })).averageCost).toBe('1.5000');

    // Invoiced may not run ahead of received.
    const ahead = await errorOf(admin.inventory.purchasing.linkInvoice.mutate({ orderId: order.id, supplierInvoiceId: invoiceId, lines: [{ orderLineId: line.id, quantity: 7 }] }));
    expect(ahead).toMatchObject({ code: 'CONFLICT', appCode: 'purchase.overInvoiced', params: { open: '6', requested: 7 } });
    expect(Object.keys(ahead.fieldErrors ?? {})).toEqual(['lines.0.quantity']);
    const linked = await admin.inventory.purchasing.linkInvoice.mutate({ orderId: order.id, supplierInvoiceId: invoiceId, lines: [{ orderLineId: line.id, quantity: 6 }] });
    expect(linked.lines[0]).toMatchObject({ received: '6', invoiced: '6' });

    const over = await errorOf(admin.inventory.purchasing.receive.mutate({ orderId: order.id, receivedOn: '2026-10-03', lines: [{ orderLineId: line.id, quantity: 5 }] }));
    expect(over).toMatchObject({ code: 'CONFLICT', appCode: 'purchase.overReceipt', params: { open: '4', requested: 5 } });
    const rejectedTooMany = await errorOf(admin.inventory.purchasing.receive.mutate({ orderId: order.id, receivedOn: '2026-10-03', lines: [{ orderLineId: line.id, quantity: 1, rejected: 2 }] }));
    expect(Object.keys(rejectedTooMany.fieldErrors ?? {})).toEqual(['lines.0.rejected']);
    await admin.inventory.purchasing.receive.mutate({ orderId: order.id, receivedOn: '2026-10-03', lines: [{ orderLineId: line.id, quantity: 4 }] });
    expect(await stock(bin)).toBe('8');
  });

  it('refuses an invoice of another supplier, an article without a price, and holds the chain in the database', async () => {
    const { supplierId } = await supplierInvoice();
    const other = await supplierInvoice();
    const article = await makeArticle(admin);
    const { bins } = await makeWarehouse(admin);
    const noPrice = await errorOf(admin.inventory.purchasing.create.mutate({ supplierId, locationId: bins[0]?.id as string, orderDate: '2026-10-01', lines: [{ articleId: article.id, quantity: 1 }] }));
    expect(noPrice).toMatchObject({ code: 'BAD_REQUEST', appCode: 'purchase.noPrice' });
    expect(Object.keys(noPrice.fieldErrors ?? {})).toEqual(['lines.0.unitPrice']);
    const order = await admin.inventory.purchasing.create.mutate({ supplierId, locationId: bins[0]?.id as string, orderDate: '2026-10-01', lines: [{ articleId: article.id, quantity: 3, unitPrice: '1' }] });
    const line = order.lines[0] as (typeof order.lines)[number];
    await admin.inventory.purchasing.receive.mutate({ orderId: order.id, receivedOn: '2026-10-02', lines: [{ orderLineId: line.id, quantity: 1 }] });
    const wrong = await errorOf(admin.inventory.purchasing.linkInvoice.mutate({ orderId: order.id, supplierInvoiceId: other.invoiceId, lines: [{ orderLineId: line.id, quantity: 1 }] }));
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', appCode: 'purchase.otherSupplier' });
    await expect(sql(`update purchase_order_lines set invoiced = 2 where id = ?`, [line.id])).rejects.toThrow(/purchase_order_lines_chain/);
    await expect(sql(`update purchase_order_lines set received = 4 where id = ?`, [line.id])).rejects.toThrow(/purchase_order_lines_chain/);
  });

  it('concurrent partial receipts never receive more than ordered', async () => {
    const { supplierId } = await supplierInvoice();
    const article = await makeArticle(admin, { number: code('PAR') });
    const { bins } = await makeWarehouse(admin);
    const order = await admin.inventory.purchasing.create.mutate({ supplierId, locationId: bins[0]?.id as string, orderDate: '2026-10-01', lines: [{ articleId: article.id, quantity: 4, unitPrice: '1' }] });
    const lineId = order.lines[0]?.id as string;
    const clients = await Promise.all(Array.from({ length: 4 }, async () => (await userWithRole(app, 'Accountant')).client));
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => codeOf((clients[i % 4] as Client).inventory.purchasing.receive.mutate({ orderId: order.id, receivedOn: '2026-10-02', lines: [{ orderLineId: lineId, quantity: 1 }] }))));
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(4);
    expect((await admin.inventory.purchasing.get.query({ id: order.id })).lines[0]).toMatchObject({ received: '4' });
    expect((await admin.inventory.stock.list.query({ articleId: article.id })).items.find((s) => s.locationId === bins[0]?.id)?.onHand).toBe('4');
  });
});
