import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRenderStockDocumentPdf } from '@workmate/worker/jobs/render-stock-document-pdf';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/** The PDFs of order confirmations and delivery notes: enqueued with the document, rendered once by the worker's job. */
let app: TestApp;
let admin: Client;
let renderer: PdfRenderer;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
  renderer = new PdfRenderer({ poolSize: 1 });
});
afterAll(async () => {
  await renderer?.close();
  await app?.close();
});

const sql = <T extends object[]>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const text = (base64: string) => execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(base64, 'base64'), encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('order confirmation and delivery note PDFs', () => {
  it('are enqueued with the document, rendered with number, lines and totals, and archived once', async () => {
    const v = await virtualLocations(admin);
    const article = await makeArticle(admin, { name: 'Winkelverbinder 90°', vatRate: 19, salesPrices: [{ minQuantity: 1, netPrice: '2.50' }] });
    const { bins } = await makeWarehouse(admin);
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bins[0]?.id as string, quantity: 10, unitCost: '1', movedOn: '2026-11-01' });
    const customer = await invoiceCustomer(admin, { name: 'Tischlerei Nord GmbH' });
    const order = await admin.inventory.orders.create.mutate({ customerId: customer.id, locationId: bins[0]?.id as string, orderDate: '2026-11-02', lines: [{ articleId: article.id, quantity: 7 }] });
    expect(await sql(`select 1 from outbox where job_id = ?`, [`stock-document-orderConfirmation-${order.id}`])).toHaveLength(1);
    expect(await admin.inventory.orders.pdf.query({ id: order.id })).toBeNull();

    expect(await processRenderStockDocumentPdf(app.orm, app.storage, renderer, { kind: 'orderConfirmation', id: order.id })).toEqual({ stored: true });
    const pdf = await admin.inventory.orders.pdf.query({ id: order.id });
    const confirmation = text(pdf?.base64 ?? '');
    expect(confirmation).toContain(`Auftragsbestätigung ${order.number}`);
    expect(confirmation).toContain('Tischlerei Nord GmbH');
    expect(confirmation).toContain('Winkelverbinder 90°');
    // 7 × 2,50 = 17,50 net, 19 % = 3,33 (3,325 rounded half up), 20,83 gross.
    expect(confirmation).toMatch(/17,50/);
    expect(confirmation).toMatch(/3,33/);
    expect(confirmation).toMatch(/20,83/);
    // A second run of the job leaves the archived file alone.
    expect(await processRenderStockDocumentPdf(app.orm, app.storage, renderer, { kind: 'orderConfirmation', id: order.id })).toEqual({ skipped: 'already archived' });

    const delivered = await admin.inventory.orders.deliver.mutate({ orderId: order.id, deliveredOn: '2026-11-03', lines: [{ orderLineId: order.lines[0]?.id as string, quantity: 4 }] });
    const note = delivered.deliveries[0] as (typeof delivered.deliveries)[number];
    expect(await sql(`select 1 from outbox where job_id = ?`, [`stock-document-deliveryNote-${note.id}`])).toHaveLength(1);
    await processRenderStockDocumentPdf(app.orm, app.storage, renderer, { kind: 'deliveryNote', id: note.id });
    const deliveryText = text((await admin.inventory.orders.deliveryPdf.query({ id: note.id }))?.base64 ?? '');
    expect(deliveryText).toContain(`Lieferschein ${note.number}`);
    expect(deliveryText).toContain(`Auftrag ${order.number}`);
    expect(deliveryText).toMatch(/4 Stk\./);
    // A delivery note shows no prices.
    expect(deliveryText).not.toContain('2,50');
  });
});
