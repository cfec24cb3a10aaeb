import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { launchBrowser, signIn, startWebApp } from '../helpers/browser.ts';
import { draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** Schlussrechnung from a quote with its deposit deducted, and a Rechnungskorrektur of an invoice, in the browser (German). */
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

describe('credit notes and final invoices in the browser', () => {
  it('creates a final invoice from a quote, shows the deduction, and a credit note from an invoice', async () => {
    const admin = (await userWithRole(app, 'Admin')).client;
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(app, 'Accountant');
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Umbau'), customerId: customer.id });
    const quote = await draftInvoice(admin, customer.id, {
      type: 'quote',
      projectId: project.id,
      lines: [
        { description: 'Montage', quantity: '1', unit: 'pauschal', unitPrice: '10000.00', taxRate: 19 },
        { description: 'Fachliteratur', quantity: '1', unit: 'pauschal', unitPrice: '2500.00', taxRate: 7 },
      ],
    });
    await admin.invoices.markSent.mutate({ id: quote.id });
    const deposit = await client.invoices.finalize.mutate({ id: (await client.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(app, page, employee.email);
    await page.goto(`${app.url}/invoices/${quote.id}`);
    await expect.poll(() => page.locator('[data-testid="quote-deposit-row"]').innerText()).toContain(deposit.number ?? '');
    await page.locator('[data-testid="quote-final"]').click();
    await page.waitForURL((url) => /\/invoices\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(quote.id));
    await expect.poll(() => page.locator('[data-testid="invoice-type"]').innerText()).toBe('Schlussrechnung');
    expect(await page.locator('[data-testid="final-service-gross"]').innerText()).toBe('14.575,00 €');
    expect(await page.locator('[data-testid="final-deduction"]').innerText()).toContain(`abzgl. ${deposit.number}`);
    // 14,575.00 − 4,372.50 (30 % deposit: 3,750.00 net + 622.50 VAT)
    expect(await page.locator('[data-testid="final-due"]').innerText()).toBe('10.202,50 €');

    const original = await finalizedInvoice(client, customer.id);
    await page.goto(`${app.url}/invoices/${original.id}`);
    await page.locator('[data-testid="invoice-credit-note"]').click();
    await page.locator('[data-testid="credit-line-0"]').check();
    await page.locator('[data-testid="credit-quantity-0"]').fill('2');
    await page.locator('[data-testid="credit-submit"]').click();
    await page.waitForURL((url) => !url.pathname.endsWith(original.id));
    await expect.poll(() => page.locator('[data-testid="invoice-type"]').innerText()).toBe('Rechnungskorrektur');
    expect(await page.locator('[data-testid="chain-credits"]').innerText()).toContain(original.number ?? '');
    // 2 × 95.00 = 190.00 + 36.10 VAT taken back
    expect(await page.locator('[data-testid="invoice-gross"]').innerText()).toContain('-226,10');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the cancellation of a final invoice with the deduction block negated', async () => {
    const admin = (await userWithRole(app, 'Admin')).client;
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(app, 'Accountant');
    const customer = await invoiceCustomer(admin);
    const quote = await draftInvoice(admin, customer.id, {
      type: 'quote',
      lines: [
        { description: 'Montage', quantity: '1', unit: 'pauschal', unitPrice: '10000.00', taxRate: 19 },
        { description: 'Fachliteratur', quantity: '1', unit: 'pauschal', unitPrice: '2500.00', taxRate: 7 },
      ],
    });
    await admin.invoices.markSent.mutate({ id: quote.id });
    const deposit = await client.invoices.finalize.mutate({ id: (await client.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });
    const final = await client.invoices.finalize.mutate({ id: (await client.invoices.final.create.mutate({ quoteId: quote.id })).id });
    const { cancellation } = await client.invoices.cancel.mutate({ id: final.id });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(app, page, employee.email);
    await page.goto(`${app.url}/invoices/${cancellation.id}`);
    await expect.poll(() => page.locator('[data-testid="final-service-gross"]').innerText()).toBe('-14.575,00 €');
    // The deposit of 4,372.50 given back; −(14,575.00 − 4,372.50) = −10,202.50 as the cancellation total.
    const deduction = await page.locator('[data-testid="final-deduction"]').innerText();
    expect(deduction).toContain(`${deposit.number}`);
    expect(deduction).toContain('4.372,50 €');
    expect(deduction).not.toContain('--');
    expect(await page.locator('[data-testid="final-due"]').innerText()).toBe('-10.202,50 €');
    expect(await page.locator('[data-testid="final-deductions"]').innerText()).toContain('Stornobetrag');
    expect(errors).toEqual([]);
    await context.close();
  });
});
