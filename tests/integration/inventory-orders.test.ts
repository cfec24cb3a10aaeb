import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { invoiceCustomer } from '../helpers/invoices.ts';
import { codeOf, errorOf, userWithRole, type Client } from '../helpers/users.ts';

/** Sales chain: order confirmation → reservation → partial deliveries → invoice draft; invoiced ≤ delivered ≤ ordered. */
let app: TestApp;
let admin: Client;
let v: Awaited<ReturnType<typeof virtualLocations>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  v = await virtualLocations(admin);
});
afterAll(async () => app?.close());

const sql = <T extends object[]>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

async function stockedOrder(onHand: number, ordered: number, price?: string) {
  const article = await makeArticle(admin, { vatRate: 7, salesPrices: [{ minQuantity: 1, netPrice: '10.00' }, { minQuantity: 5, netPrice: '9.00' }] });
  const { bins } = await makeWarehouse(admin);
  const bin = bins[0]?.id as string;
  if (onHand) await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: onHand, unitCost: '4.00', movedOn: '2026-09-01' });
  const customer = await invoiceCustomer(admin);
  const order = await admin.inventory.orders.create.mutate({ customerId: customer.id, locationId: bin, orderDate: '2026-09-02', lines: [{ articleId: article.id, quantity: ordered, ...(price ? { unitPrice: price } : {}) }] });
  return { article, bin, order, line: order.lines[0] as (typeof order.lines)[number] };
}
const balance = async (articleId: string, locationId: string) =>
  (await sql<Array<{ on_hand: string; reserved: string }>>(`select on_hand::text, reserved::text from stock_balances where article_id = ? and location_id = ?`, [articleId, locationId]))[0];

describe('sales orders', () => {
  it('an order is numbered AB-…, priced from the list, and reserves what is available', async () => {
    const { article, bin, order, line } = await stockedOrder(3, 6);
    expect(order.number).toMatch(/^AB-\d{4}-\d{4}$/);
    // 6 pieces reach the price from 5.
    expect(line).toMatchObject({ articleId: article.id, unitPrice: '9.0000', vatRate: '7', quantity: '6', reserved: '3', delivered: '0', invoiced: '0' });
    expect(await balance(article.id, bin)).toEqual({ on_hand: '3', reserved: '3' });
    // Reserved stock is not available to a move of someone else.
    const other = await errorOf(admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: bin, toLocationId: v.loss, quantity: 1, movedOn: '2026-09-02' }));
    expect(other).toMatchObject({ code: 'CONFLICT', appCode: 'stock.insufficient', params: { available: '0' } });
  });

  it('partial deliveries (LS-…) move the goods to the customer; an invoice draft takes delivered minus invoiced', async () => {
    const { article, bin, order, line } = await stockedOrder(10, 6);
    const first = await admin.inventory.orders.deliver.mutate({ orderId: order.id, deliveredOn: '2026-09-03', lines: [{ orderLineId: line.id, quantity: 2 }] });
    expect(first.deliveries[0]?.number).toMatch(/^LS-\d{4}-\d{4}$/);
    expect(first.lines[0]).toMatchObject({ delivered: '2', reserved: '4' });
    expect(await balance(article.id, bin)).toEqual({ on_hand: '8', reserved: '4' });

    const { invoiceId, order: afterInvoice } = await admin.inventory.orders.invoice.mutate({ id: order.id });
    expect(afterInvoice.lines[0]).toMatchObject({ delivered: '2', invoiced: '2' });
    const invoice = await admin.invoices.get.query({ id: invoiceId });
    expect(invoice).toMatchObject({ status: 'draft', serviceDate: '2026-09-03' });
    expect(invoice.lines.map((l) => [l.quantity, l.unit, l.unitPrice, l.taxRate])).toEqual([['2', 'Stk.', '9.00', 7]]);
    const nothing = await errorOf(admin.inventory.orders.invoice.mutate({ id: order.id }));
    expect(nothing).toMatchObject({ code: 'CONFLICT', appCode: 'sales.nothingToInvoice' });

    await admin.inventory.orders.deliver.mutate({ orderId: order.id, deliveredOn: '2026-09-04', lines: [{ orderLineId: line.id, quantity: 4 }] });
    const over = await errorOf(admin.inventory.orders.deliver.mutate({ orderId: order.id, deliveredOn: '2026-09-04', lines: [{ orderLineId: line.id, quantity: 1 }] }));
    expect(over).toMatchObject({ code: 'CONFLICT', appCode: 'sales.overDelivery', params: { open: '0', requested: 1 } });
    expect(Object.keys(over.fieldErrors ?? {})).toEqual(['lines.0.quantity']);
    const done = await admin.inventory.orders.get.query({ id: order.id });
    expect(done.lines[0]).toMatchObject({ quantity: '6', delivered: '6', reserved: '0', invoiced: '2' });
    expect(await balance(article.id, bin)).toEqual({ on_hand: '4', reserved: '0' });
    const moves = await admin.inventory.stock.moves.query({ articleId: article.id });
    expect(moves.items.filter((m) => m.sourceType === 'delivery').map((m) => [m.toCode, m.quantity, m.unitCost])).toEqual([['CUSTOMER', '4', '4.0000'], ['CUSTOMER', '2', '4.0000']]);
  });

  it('concurrent partial deliveries never deliver more than ordered', async () => {
    const { article, bin, order, line } = await stockedOrder(20, 5);
    const clients = await Promise.all(Array.from({ length: 4 }, async () => (await userWithRole(app, 'Manager')).client));
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => codeOf((clients[i % 4] as Client).inventory.orders.deliver.mutate({ orderId: order.id, deliveredOn: '2026-09-05', lines: [{ orderLineId: line.id, quantity: 1 }] }))),
    );
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(5);
    expect(outcomes.filter((o) => o !== 'OK')).toEqual(Array.from({ length: 7 }, () => 'CONFLICT'));
    const after = await admin.inventory.orders.get.query({ id: order.id });
    expect(after.lines[0]).toMatchObject({ delivered: '5', reserved: '0' });
    expect(after.deliveries).toHaveLength(5);
    expect(await balance(article.id, bin)).toEqual({ on_hand: '15', reserved: '0' });
  });

  it('the database holds invoiced ≤ delivered ≤ ordered and reserves at most what is left to deliver', async () => {
    const { line } = await stockedOrder(2, 2);
    await expect(sql(`update sales_order_lines set delivered = 3 where id = ?`, [line.id])).rejects.toThrow(/sales_order_lines_chain/);
    await expect(sql(`update sales_order_lines set invoiced = 1 where id = ?`, [line.id])).rejects.toThrow(/sales_order_lines_chain/);
    await expect(sql(`update sales_order_lines set reserved = 3 where id = ?`, [line.id])).rejects.toThrow(/sales_order_lines_reserved/);
  });

  it('refuses a line of another order, a virtual shipping location, and invoicing without invoices.write', async () => {
    const a = await stockedOrder(1, 1);
    const b = await stockedOrder(1, 1);
    const foreign = await errorOf(admin.inventory.orders.deliver.mutate({ orderId: a.order.id, deliveredOn: '2026-09-05', lines: [{ orderLineId: b.line.id, quantity: 1 }] }));
    expect(foreign).toMatchObject({ code: 'BAD_REQUEST' });
    expect(Object.keys(foreign.fieldErrors ?? {})).toEqual(['lines.0.orderLineId']);
    const customer = await invoiceCustomer(admin);
    const virtual = await errorOf(admin.inventory.orders.create.mutate({ customerId: customer.id, locationId: v.customer, orderDate: '2026-09-02', lines: [{ articleId: a.article.id, quantity: 1 }] }));
    expect(Object.keys(virtual.fieldErrors ?? {})).toEqual(['locationId']);
    await admin.inventory.orders.deliver.mutate({ orderId: a.order.id, deliveredOn: '2026-09-05', lines: [{ orderLineId: a.line.id, quantity: 1 }] });
    const employee = (await userWithRole(app, 'Employee')).client;
    expect(await codeOf(employee.inventory.orders.invoice.mutate({ id: a.order.id }))).toBe('FORBIDDEN');
  });

  it('quote lines may sell an article (defaults from its price list); an order confirms the quote from those lines', async () => {
    const article = await makeArticle(admin, { name: 'Kabelkanal', baseUnit: 'MTR', vatRate: 7, salesPrices: [{ minQuantity: 1, netPrice: '4.00' }, { minQuantity: 10, netPrice: '3.20' }] });
    const defaults = await admin.inventory.articles.lineDefaults.query({ articleId: article.id, quantity: 12 });
    expect(defaults).toEqual({ articleId: article.id, description: `${article.number} Kabelkanal`, unit: 'm', unitPrice: '3.2000', taxRate: 7 });
    const customer = await invoiceCustomer(admin);
    const quote = await admin.invoices.create.mutate({ type: 'quote', customerId: customer.id, lines: [{ ...defaults, quantity: '12' }, { description: 'Montage', quantity: '2', unitPrice: '60' }] });
    expect(quote.lines.map((l) => l.articleId)).toEqual([article.id, null]);
    // Editing the quote without naming the article keeps the reference.
    const edited = await admin.invoices.update.mutate({ id: quote.id, lines: quote.lines.map((l) => ({ id: l.id, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, taxRate: l.taxRate })) });
    expect(edited.lines[0]?.articleId).toBe(article.id);
    const unknown = await errorOf(admin.invoices.create.mutate({ type: 'quote', customerId: customer.id, lines: [{ description: 'X', quantity: '1', unitPrice: '1', articleId: '00000000-0000-4000-8000-000000000000' }] }));
    expect(unknown).toMatchObject({ code: 'BAD_REQUEST' });
    expect(Object.keys(unknown.fieldErrors ?? {})).toEqual(['lines.0.articleId']);

    const { bins } = await makeWarehouse(admin);
    const order = await admin.inventory.orders.create.mutate({ customerId: customer.id, locationId: bins[0]?.id as string, orderDate: '2026-09-10', sourceQuoteId: quote.id });
    expect(order.sourceQuoteId).toBe(quote.id);
    expect(order.lines.map((l) => [l.articleId, l.quantity, l.unitPrice, l.vatRate, l.reserved])).toEqual([[article.id, '12', '3.2000', '7', '0']]);
    const noArticles = await admin.invoices.create.mutate({ type: 'quote', customerId: customer.id, lines: [{ description: 'Beratung', quantity: '1', unitPrice: '90' }] });
    const refused = await errorOf(admin.inventory.orders.create.mutate({ customerId: customer.id, locationId: bins[0]?.id as string, orderDate: '2026-09-10', sourceQuoteId: noArticles.id }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', appCode: 'sales.quoteWithoutArticles' });
    const empty = await errorOf(admin.inventory.orders.create.mutate({ customerId: customer.id, locationId: bins[0]?.id as string, orderDate: '2026-09-10' }));
    expect(Object.keys(empty.fieldErrors ?? {})).toEqual(['lines']);
  });

  it('tops up reservations after goods arrive, and releases them', async () => {
    const { article, bin, order } = await stockedOrder(2, 5);
    expect(order.lines[0]?.reserved).toBe('2');
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 10, unitCost: '4.00', movedOn: '2026-09-06' });
    const topped = await admin.inventory.orders.reserve.mutate({ id: order.id });
    expect(topped.lines[0]?.reserved).toBe('5');
    expect(await balance(article.id, bin)).toEqual({ on_hand: '12', reserved: '5' });
    const released = await admin.inventory.orders.release.mutate({ id: order.id });
    expect(released.lines[0]?.reserved).toBe('0');
    expect(await balance(article.id, bin)).toEqual({ on_hand: '12', reserved: '0' });
  });
});
