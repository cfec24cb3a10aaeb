import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, PHONE } from '../helpers/browser.ts';
import { berlinToday, draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';
import { startWorker, type RunningWorker } from '../helpers/worker.ts';

/** From a project's time to a paid invoice, in the built web app with a real worker rendering the PDF. */
const suite = browserSuite();
let worker: RunningWorker;
beforeAll(() => {
  worker = startWorker();
});
afterAll(async () => {
  await worker?.stop();
});

describe('invoices in the browser', () => {
  it("invoices a project's time, finalizes it, downloads the PDF, and records a partial and then a full payment", async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee: accountant, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Browser-Rechnungskunde') });
    const project = await admin.projects.create.mutate({ title: unique('Abrechnungsprojekt'), customerId: customer.id, hourlyRate: '100', status: 'active' });
    const { client: staff } = await userWithRole(suite.app, 'Employee');
    // Two days of 2 h at 100 €/h: 400.00 net, 476.00 gross.
    for (const day of ['2026-10-06', '2026-10-07']) {
      await staff.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${day}T08:00:00Z`, endTime: `${day}T10:00:00Z` });
    }

    const errors: string[] = [];
    const { context, page } = await suite.open(accountant.email, { context: { ...DESKTOP, acceptDownloads: true }, errors });

    await page.goto(`${suite.app.url}/projects/${project.id}`);
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

    // The worker renders the archived PDF; the preview shows it, the link downloads it. The first
    // render launches Chromium in the worker, which takes long on a busy machine: hence the wait.
    await expect.poll(async () => (await client.invoices.pdf.query({ id })).status, { timeout: 120_000 }).toBe('ready');
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
  }, 240_000);

  it('reads amounts as typed in German: "12.500,00" is saved as 12500.00, ambiguous input is refused, unit prices keep four places', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Tausenderkunde') });
    const line = { description: 'Projektpauschale', quantity: '1', unit: 'psch.', unitPrice: '20000.00', taxRate: 19 as const };
    const invoice = await client.invoices.finalize.mutate({ id: (await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines: [line] })).id });
    expect(invoice.grossTotal).toBe('23800.00');
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors });

    // A payment of "12.500,00": German thousands separators and decimal comma.
    await page.goto(`${suite.app.url}/invoices/${invoice.id}`);
    const amount = page.locator('[data-testid="payment-amount"]');
    await amount.fill('1.2.3,4');
    await page.locator('[data-testid="payment-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="payment-form"] .field-error').innerText()).toContain('Tausenderpunkte an der falschen Stelle');
    expect((await client.invoices.get.query({ id: invoice.id })).payments).toEqual([]);
    await amount.fill('12.500,00');
    await page.locator('[data-testid="payment-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="invoice-status"]').getAttribute('data-status')).toBe('partially_paid');
    await expect.poll(() => page.locator('[data-testid="invoice-outstanding"]').getAttribute('data-amount')).toBe('11300.00');
    expect((await client.invoices.get.query({ id: invoice.id })).payments.map((p) => p.amount)).toEqual(['12500.00']);

    // A draft's line: quantity "1.000" (a thousand) at "1,2605" € (four places) is 1.260,50 € net.
    const draft = await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines: [line] });
    await page.goto(`${suite.app.url}/invoices/${draft.id}/edit`);
    await page.locator('[data-testid="line-quantity"]').fill('1.000');
    await page.locator('[data-testid="line-unit-price"]').fill('1,2605');
    await expect.poll(() => page.locator('[data-testid="line-net"]').getAttribute('data-amount')).toBe('1260.50');
    await page.locator('[data-testid="invoice-save"]').click();
    await expect.poll(async () => (await client.invoices.get.query({ id: draft.id })).lines.map((l) => [l.quantity, l.unitPrice, l.netAmount])).toEqual([['1000', '1.2605', '1260.50']]);
    // The document page shows the price with its four places.
    await page.goto(`${suite.app.url}/invoices/${draft.id}`);
    await expect.poll(() => page.locator('[data-testid="invoice-line"]').first().innerText()).toContain('1,2605 €');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('quotes have their own page and navigation entry; the invoice list shows no quotes; a quote PDF is an Angebot in documents', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Angebotsseitenkunde') });
    const invoice = await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines: [{ description: 'Leistung', quantity: '1', unit: 'Stk.', unitPrice: '100.00', taxRate: 19 }] });
    const quote = await client.invoices.finalize.mutate({
      id: (await client.invoices.create.mutate({ type: 'quote', customerId: customer.id, lines: [{ description: 'Angebot', quantity: '1', unit: 'Stk.', unitPrice: '100.00', taxRate: 19 }] })).id,
    });
    const { context, page } = await suite.open(employee.email);
    const rowIds = () => page.locator('[data-testid="invoice-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

    await page.goto(`${suite.app.url}/invoices`);
    await page.locator('[data-testid="nav-quotes"]').click();
    await page.waitForURL(/\/invoices\/quotes$/);
    await page.locator('[data-testid="invoice-search"]').fill(customer.name);
    await expect.poll(rowIds).toEqual([quote.id]);
    expect(await page.locator('[data-testid="filter-type"]').count()).toBe(0);

    await page.locator('[data-testid="nav-invoices"]').click();
    await page.waitForURL(/\/invoices\/list$/);
    await page.locator('[data-testid="invoice-search"]').fill(customer.name);
    await expect.poll(rowIds).toEqual([invoice.id]);
    const types = await page.locator('[data-testid="filter-type"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(types).toEqual(['', 'invoice', 'cancellation', 'credit_note']);

    // The quote's archived PDF, rendered by the worker, is an "Angebots-PDF" linked to an "Angebot".
    await expect.poll(async () => (await client.invoices.pdf.query({ id: quote.id })).status, { timeout: 120_000 }).toBe('ready');
    await page.goto(`${suite.app.url}/documents`);
    await page.locator('[data-testid="document-search"]').fill(quote.number as string);
    const row = page.locator('[data-testid="document-row"][data-kind="invoice_pdf"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('[data-testid="document-kind"]').innerText()).toBe('Angebots-PDF');
    expect(await row.innerText()).toContain('Angebot');
    expect(await row.innerText()).not.toContain('Rechnung');
    await context.close();
  }, 240_000);

  it('"Zeit abrechnen" bills all unbilled time by default, previous months included, and shows it before creating the draft', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Vorschaukunde') });
    const project = await admin.projects.create.mutate({ title: unique('Vorschauprojekt'), customerId: customer.id, hourlyRate: '90', status: 'active' });
    const { client: staff } = await userWithRole(suite.app, 'Employee');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const [y, m] = today.split('-').map(Number) as [number, number];
    const lastOfPreviousMonth = new Date(Date.UTC(y, m - 1, 1) - 86_400_000).toISOString().slice(0, 10);
    const twoMonthsAgo = new Date(Date.UTC(y, m - 3, 15)).toISOString().slice(0, 10);
    // 2 h two months ago, 1 h 20 min on the last day of the previous month: 180.00 + 120.00 net.
    await staff.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${twoMonthsAgo}T08:00:00Z`, endTime: `${twoMonthsAgo}T10:00:00Z` });
    await staff.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${lastOfPreviousMonth}T08:00:00Z`, endTime: `${lastOfPreviousMonth}T09:20:00Z` });

    const { context, page } = await suite.open(employee.email, { at: `/projects/${project.id}` });
    await page.locator('[data-testid="invoice-time-open"]').click();
    // No lower bound by default, today as the upper one.
    expect(await page.locator('[data-testid="invoice-time-from"]').inputValue()).toBe('');
    expect(await page.locator('[data-testid="invoice-time-to"]').inputValue()).toBe(today);
    const preview = page.locator('[data-testid="invoice-time-preview"][data-ready="true"]');
    await preview.waitFor();
    const lines = page.locator('[data-testid="invoice-time-preview-line"]');
    expect(await lines.count()).toBe(2);
    expect(await lines.evaluateAll((rows) => rows.map((r) => r.querySelector('[data-amount]')?.getAttribute('data-amount')))).toEqual(['180.00', '120.00']);
    expect(await page.locator('[data-testid="invoice-time-preview-total"]').getAttribute('data-amount')).toBe('300.00');
    expect(await page.locator('[data-testid="invoice-time-preview-summary"]').innerText()).toContain('2 Zeiteinträge');
    // Nothing is created until the user confirms.
    expect((await client.invoices.list.query({ projectId: project.id })).total).toBe(0);

    // One line in total: the preview follows the options.
    await page.locator('[data-testid="invoice-time-group"]').selectOption('total');
    await expect.poll(() => page.locator('[data-testid="invoice-time-preview"][data-ready="true"] [data-testid="invoice-time-preview-line"]').count()).toBe(1);
    await page.locator('[data-testid="invoice-time-submit"]').click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    const draft = await client.invoices.get.query({ id: page.url().split('/').pop() as string });
    expect(draft.lines.map((l) => [l.quantity, l.netAmount, l.timeEntryCount])).toEqual([['3.3333', '300.00', 2]]);
    expect([draft.servicePeriodFrom, draft.servicePeriodTo]).toEqual([twoMonthsAgo, lastOfPreviousMonth]);
    await context.close();
  });

  it('pays back an overpayment: the refund form offers what was overpaid, and the refund is listed as such', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Erstattung Kunde GmbH') });
    // Paid in full, then a credit note of 2 × 95.00 + 19 % = 226.10: the customer has overpaid that much.
    const invoice = await client.invoices.finalize.mutate({ id: (await draftInvoice(client, customer.id)).id });
    await client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: invoice.grossTotal, paymentDate: berlinToday() });
    const note = await client.invoices.creditNotes.create.mutate({ invoiceId: invoice.id, lines: [{ description: 'Zu viel berechnet', quantity: '2', unitPrice: '95.00', taxRate: 19 }] });
    await client.invoices.finalize.mutate({ id: note.id });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { context: DESKTOP, errors, at: `/invoices/${invoice.id}` });
    await expect.poll(() => page.locator('[data-testid="refund-form"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="refund-amount"]').inputValue()).toBe('226,10');
    await page.locator('[data-testid="refund-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="refund-row"]').count()).toBe(1);
    expect(await page.locator('[data-testid="refund-badge"]').textContent()).toBe('Erstattung');
    await expect.poll(() => page.locator('[data-testid="refund-form"]').count()).toBe(0);
    const after = await client.invoices.get.query({ id: invoice.id });
    expect([after.refunds.map((r) => r.amount), after.refundableAmount, after.status]).toEqual([['226.10'], '0.00', 'paid']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone-sized screen: no invoice page is wider than the phone', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Handy Holzbau GmbH & Co. KG mit einem sehr langen Namen') });
    const draft = await client.invoices.create.mutate({
      customerId: customer.id,
      serviceDate: '2026-11-02',
      lines: [{ description: 'Konzeption, Abstimmung mit allen Fachabteilungen und Dokumentation der Ergebnisse', quantity: '12.5', unit: 'Std.', unitPrice: '1234.56', taxRate: 19 }],
    });
    const finalized = await client.invoices.finalize.mutate({ id: (await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines: draft.lines })).id });
    const { context, page } = await suite.open(employee.email, { context: PHONE });
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
      await page.goto(`${suite.app.url}${path}`);
      await page.waitForSelector(ready);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await context.close();
  });
});
