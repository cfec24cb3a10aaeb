import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRenderInvoicePdf } from '@workmate/worker/jobs/render-invoice-pdf';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DESKTOP, launchBrowser, signIn } from '../helpers/browser.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { draftInvoice, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * Outgoing e-invoices in the built web app: a customer created with the format "XRechnung
 * (UBL)" in the customer form, an invoice finalized and archived by the worker's job, and the
 * XRechnung downloaded from the invoice page — the archived file, byte for byte. A database of
 * its own (the seller's e-invoice settings change here).
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let browser: Browser;
let renderer: PdfRenderer;

beforeAll(async () => {
  const webDist = process.env.WEB_DIST;
  if (!webDist) throw new Error('WEB_DIST is not set: run through npm test, which builds the web app');
  db = await freshDatabase('workmate_einvout_web');
  app = await startTestApp({ WEB_DIST: webDist }, { databaseUrl: db.databaseUrl });
  browser = await launchBrowser();
  renderer = new PdfRenderer({ poolSize: 1 });
});
afterAll(async () => {
  await renderer?.close();
  await browser?.close();
  await app?.close();
  await db?.drop();
});

describe('e-invoices in the browser', () => {
  it('chooses XRechnung (UBL) for a customer and downloads the archived XRechnung of a finalized invoice', async () => {
    const { employee: adminUser, client: admin } = await userWithRole(app, 'Admin');
    await prepareInvoicing(admin);
    await admin.core.settings.update.mutate({ contactPhone: '+49 30 1234567', contactEmail: 'rechnung@testfirma.example' });

    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(app, page, adminUser.email);
    await page.goto(`${app.url}/crm/customers`);
    await page.click('[data-testid="new-customer"]');
    const form = page.locator('[data-testid="customer-form"]');
    const name = unique('XRechnung Kunde GmbH');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="email"]').fill('einkauf@kunde.example');
    await form.locator('input[name="street"]').fill('Domstraße 5');
    await form.locator('input[name="zipCode"]').fill('50667');
    await form.locator('input[name="city"]').fill('Köln');
    // The choices are labelled in German.
    expect(await page.locator('[data-testid="customer-einvoice-format"] option').allInnerTexts()).toEqual(['Keine', 'XRechnung (CII)', 'XRechnung (UBL)', 'ZUGFeRD']);
    await page.selectOption('[data-testid="customer-einvoice-format"]', 'xrechnung-ubl');
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/\/crm\/customers\/[0-9a-f-]{36}$/);
    const customerId = page.url().split('/').at(-1) as string;
    expect(await admin.crm.customers.get.query({ id: customerId })).toMatchObject({ einvoiceFormat: 'xrechnung-ubl', countryCode: 'DE' });

    const invoice = await admin.invoices.finalize.mutate({ id: (await draftInvoice(admin, customerId)).id });
    await processRenderInvoicePdf(app.orm, app.storage, renderer, { invoiceId: invoice.id, draftVersion: null });
    const [archived] = await app.orm.em.fork().getConnection().execute<Array<{ sha256: string }>>(`select sha256 from documents where entity_id = ? and kind = 'einvoice_ubl'`, [invoice.id]);

    await page.goto(`${app.url}/invoices/${invoice.id}`);
    const button = page.locator('[data-testid="einvoice-download-xrechnung-ubl"]');
    await expect.poll(() => button.isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`Rechnung-${invoice.number}-xrechnung-ubl.xml`);
    const file = readFileSync((await download.path()) as string);
    expect(createHash('sha256').update(file).digest('hex')).toBe(archived?.sha256);
    expect(file.toString('utf8')).toContain('urn:xeinkauf.de:kosit:xrechnung_3.0');
    expect(errors).toEqual([]);
    await context.close();
  });
});
