import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { launchBrowser, signIn, startWebApp } from '../helpers/browser.ts';
import { sampleFacturX } from '../helpers/einvoices.ts';
import { userWithRole } from '../helpers/users.ts';

/** The Eingangsrechnungen inbox: upload a ZUGFeRD PDF, read it, approve it, pay it (with Skonto); a wrong file is refused in German. */
let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('e-invoice inbox in the browser', () => {
  it('uploads a Factur-X PDF, shows it readably and books it as expenses on approval, then pays it', async () => {
    const { employee, client } = await userWithRole(app, 'Accountant');
    const vat = `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const number = `FX-${vat}`;
    const pdf = await sampleFacturX({ number, vatId: vat, sellerName: `Lieferant ${vat}` });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(app, page, employee.email);
    await page.locator('[data-testid="nav-einvoice-inbox"]').first().click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Eingangsrechnungen');

    // A file that is no e-invoice: refused, in German, nothing added.
    await page.locator('[data-testid="einvoice-file"]').setInputFiles({ name: 'notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('Keine Rechnung') });
    await expect.poll(() => page.locator('[data-testid="einvoice-upload-error"]').innerText()).toContain('Bitte eine XRechnung');

    await page.locator('[data-testid="einvoice-file"]').setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.waitForURL(/\/finance\/inbox\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('[data-testid="einvoice-due"]').innerText()).toBe('1.296,99 €');
    expect(await page.locator('[data-testid="einvoice-iban"]').innerText()).toBe('DE02120300000000202051');
    expect(await page.locator('[data-testid="einvoice-supplier"]').innerText()).toContain(`Lieferant ${vat}`);
    expect(await page.locator('[data-testid="einvoice-tax-rows"] tbody tr').allInnerTexts()).toEqual([expect.stringContaining('190,00'), expect.stringContaining('7,00')]);
    expect(await page.locator('[data-testid="einvoice-status"]').innerText()).toBe('Entwurf');

    await page.locator('[data-testid="einvoice-approve"]').click();
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="einvoice-status"]').innerText()).toBe('Übernommen');
    const id = page.url().split('/').pop() ?? '';
    const booked = await client.purchases.inbox.get.query({ id });
    expect(booked.expenses.map((e) => [e.taxRate, e.grossAmount])).toEqual([
      [19, '1190.00'],
      [7, '106.99'],
    ]);

    // Paying it: first part from the bank, the rest with Skonto; the open amount follows.
    await expect.poll(() => page.locator('[data-testid="supplier-payment-amount"]').inputValue()).toBe('1296,99');
    await page.locator('[data-testid="supplier-payment-amount"]').fill('1300,00');
    await page.locator('[data-testid="supplier-payment-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="supplier-payment-form"]').innerText()).toContain('übersteigt den offenen Betrag von 1296.99');
    await page.locator('[data-testid="supplier-payment-amount"]').fill('1.000,00');
    await page.locator('[data-testid="supplier-payment-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="supplier-open-amount"]').innerText()).toContain('offen 296,99 €');
    await page.locator('[data-testid="supplier-payment-amount"]').fill('270,00');
    await page.locator('[data-testid="supplier-payment-skonto"]').fill('26,99');
    await page.locator('[data-testid="supplier-payment-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="supplier-open-amount"]').innerText()).toBe('Bezahlt 1.270,00 €, Skonto 26,99 €, offen 0,00 €');
    expect(await page.locator('[data-testid="supplier-payment-form"]').count()).toBe(0);
    expect(await page.locator('[data-testid="supplier-payment-row"]').count()).toBe(2);
    expect((await client.purchases.inbox.get.query({ id })).settlement.openAmount).toBe('0.00');
    expect(errors).toEqual([]);
    await context.close();
  });
});
