import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { launchBrowser, signIn, startWebApp } from '../helpers/browser.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';
import { startWorker, type RunningWorker } from '../helpers/worker.ts';

/** From a project's time to a paid invoice, in the built web app with a real worker rendering the PDF. */
let app: TestApp;
let browser: Browser;
let worker: RunningWorker;
beforeAll(async () => {
  app = await startWebApp();
  worker = startWorker();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await app?.close();
});

describe('invoices in the browser', () => {
  it("invoices a project's time, finalizes it, downloads the PDF, and records a partial and then a full payment", async () => {
    const { client: admin } = await userWithRole(app, 'Admin');
    await prepareInvoicing(admin);
    const { employee: accountant, client } = await userWithRole(app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Browser-Rechnungskunde') });
    const project = await admin.projects.create.mutate({ title: unique('Abrechnungsprojekt'), customerId: customer.id, hourlyRate: '100', status: 'active' });
    const { client: staff } = await userWithRole(app, 'Employee');
    // Two days of 2 h at 100 €/h: 400.00 net, 476.00 gross.
    for (const day of ['2026-10-06', '2026-10-07']) {
      await staff.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${day}T08:00:00Z`, endTime: `${day}T10:00:00Z` });
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(app, page, accountant.email);

    await page.goto(`${app.url}/projects/${project.id}`);
    await page.locator('[data-testid="invoice-time-open"]').click();
    await page.locator('[data-testid="invoice-time-from"]').fill('2026-10-01');
    await page.locator('[data-testid="invoice-time-to"]').fill('2026-10-31');
    await page.locator('[data-testid="invoice-time-group"]').selectOption('day');
    await page.locator('[data-testid="invoice-time-submit"]').click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() as string;
    const status = page.locator('[data-testid="invoice-status"]');
    await expect.poll(() => status.getAttribute('data-status')).toBe('draft');
    await expect.poll(() => page.locator('[data-testid="invoice-gross"]').getAttribute('data-amount')).toBe('476.00');

    await page.locator('[data-testid="invoice-finalize"]').click();
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('finalized');
    const number = (await page.locator('[data-testid="invoice-number"]').innerText()).trim();
    expect(number).toMatch(/^RE-\d{4}-\d{4,}$/);
    expect((await client.invoices.get.query({ id })).number).toBe(number);

    // The worker renders the archived PDF; the preview shows it, the link downloads it.
    await expect.poll(async () => (await client.invoices.pdf.query({ id })).status, { timeout: 30_000 }).toBe('ready');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="invoice-pdf-download"]').click()]);
    expect(download.suggestedFilename()).toBe(`Rechnung-${number}.pdf`);
    const file = join(mkdtempSync(join(tmpdir(), 'workmate-download-')), 'invoice.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(number);
    expect(text).toContain('476,00 €');

    // A partial payment, then the rest.
    const outstanding = page.locator('[data-testid="invoice-outstanding"]');
    await page.locator('[data-testid="payment-amount"]').fill('176,00');
    await page.locator('[data-testid="payment-method"]').selectOption('bank_transfer');
    await page.locator('[data-testid="payment-submit"]').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('partially_paid');
    await expect.poll(() => outstanding.getAttribute('data-amount')).toBe('300.00');
    await expect.poll(() => page.locator('[data-testid="payment-row"]').count()).toBe(1);

    await page.locator('[data-testid="payment-amount"]').fill('300.00');
    await page.locator('[data-testid="payment-submit"]').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('paid');
    await expect.poll(() => outstanding.getAttribute('data-amount')).toBe('0.00');
    await expect.poll(() => page.locator('[data-testid="payment-row"]').count()).toBe(2);

    const stored = await client.invoices.get.query({ id });
    expect(stored).toMatchObject({ status: 'paid', paidAmount: '476.00', outstandingAmount: '0.00' });
    expect(stored.payments.map((p) => p.amount)).toEqual(['176.00', '300.00']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone-sized screen: no invoice page is wider than the phone', async () => {
    const { client: admin } = await userWithRole(app, 'Admin');
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Handy Holzbau GmbH & Co. KG mit einem sehr langen Namen') });
    const draft = await client.invoices.create.mutate({
      customerId: customer.id,
      serviceDate: '2026-11-02',
      lines: [{ description: 'Konzeption, Abstimmung mit allen Fachabteilungen und Dokumentation der Ergebnisse', quantity: '12.5', unit: 'Std.', unitPrice: '1234.56', taxRate: 19 }],
    });
    const finalized = await client.invoices.finalize.mutate({ id: (await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines: draft.lines })).id });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(app, page, employee.email);
    const pages: Array<[string, string]> = [
      ['/invoices', 'main'],
      ['/invoices/list', '[data-testid="invoice-row"]'],
      ['/invoices/quotes', 'main'],
      ['/invoices/new', '[data-testid="line-add"]'],
      [`/invoices/${draft.id}/edit`, '[data-testid="line-row"]'],
      [`/invoices/${draft.id}`, '[data-testid="invoice-status"]'],
      [`/invoices/${finalized.id}`, '[data-testid="payment-amount"]'],
    ];
    for (const [path, ready] of pages) {
      await page.goto(`${app.url}${path}`);
      await page.waitForSelector(ready);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await context.close();
  });
});
