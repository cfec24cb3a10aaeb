import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@workmate/worker/env';
import { processRenderInvoicePdf } from '@workmate/worker/jobs/render-invoice-pdf';
import { processSendInvoiceEmail } from '@workmate/worker/jobs/send-invoice-email';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { launchBrowser, signIn } from '../helpers/browser.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { draftInvoice, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * The "Per E-Mail senden" dialog in the built web app: prefilled, refusing a bad address at its
 * field, queuing the send, and the history showing it sent once the worker's job ran. Without
 * SMTP the button is disabled and says why. A database of its own, so no other worker runs the job.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let unconfigured: TestApp;
let browser: Browser;
let smtp: SMTPServer;
let smtpUrl: string;
const received: string[] = [];

beforeAll(async () => {
  const webDist = process.env.WEB_DIST;
  if (!webDist) throw new Error('WEB_DIST is not set: run through npm test, which builds the web app');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => {
        received.push(data);
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  db = await freshDatabase('workmate_send_web');
  app = await startTestApp({ WEB_DIST: webDist, SMTP_URL: smtpUrl }, { databaseUrl: db.databaseUrl });
  unconfigured = await startTestApp({ WEB_DIST: webDist }, { databaseUrl: db.databaseUrl });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await unconfigured?.close();
  await app?.close();
  await db?.drop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

describe('sending an invoice by email in the browser', () => {
  it('sends from the dialog (prefilled, a bad address refused at its field) and the history shows it sent', async () => {
    const { client: admin } = await userWithRole(app, 'Admin');
    await prepareInvoicing(admin);
    const { employee: accountant, client } = await userWithRole(app, 'Accountant');
    const email = `${unique('kunde').replace(/\s/g, '-').toLowerCase()}@example.test`;
    const customer = await admin.crm.customers.create.mutate({ name: unique('Webmailkunde GmbH'), email, street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland' });
    const invoice = await client.invoices.finalize.mutate({ id: (await draftInvoice(client, customer.id)).id });

    const { page, errors } = await newPage();
    await signIn(app, page, accountant.email);
    await page.goto(`${app.url}/invoices/${invoice.id}`);
    await page.locator('[data-testid="invoice-send-email"]').click();
    const dialog = page.locator('[data-testid="invoice-send-dialog"]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.locator('[data-testid="invoice-send-to"]').inputValue()).toBe(email);
    expect(await page.locator('[data-testid="invoice-send-language"]').innerText()).toContain('Deutsch');

    await page.locator('[data-testid="invoice-send-cc"]').fill('kein-empfaenger');
    await page.locator('[data-testid="invoice-send-message"]').fill('Vielen Dank!');
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => dialog.locator('.field-invalid .field-error').innerText()).toContain('gültige E-Mail-Adresse');
    expect((await client.invoices.sendOptions.query({ id: invoice.id })).sends).toEqual([]);

    await page.locator('[data-testid="invoice-send-cc"]').fill('buchhaltung@example.test');
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="invoice-send-email-queued"]').isVisible()).toBe(true);
    expect(await dialog.count()).toBe(0);
    const history = page.locator('[data-testid="history-send"]');
    await expect.poll(() => history.allInnerTexts()).toEqual([`E-Mail-Versand: Angefordert an ${email}, Kopie an buchhaltung@example.test`]);

    // What the worker does: archive the PDF, then run the send job.
    const [send] = (await client.invoices.sendOptions.query({ id: invoice.id })).sends;
    if (!send) throw new Error('no send recorded');
    const renderer = new PdfRenderer({ poolSize: 1 });
    try {
      await processRenderInvoicePdf(app.orm, app.storage, renderer, { invoiceId: invoice.id, draftVersion: null });
    } finally {
      await renderer.close();
    }
    const env = readEnv({ DATABASE_URL: 'unused', REDIS_URL: 'unused', SMTP_URL: smtpUrl });
    await processSendInvoiceEmail({ orm: app.orm, storage: app.storage, env, redis: app.redis, lastAttempt: false }, { sendId: send.id });
    expect(received).toHaveLength(1);

    // The page asks again while a send is queued: the history and the status follow by themselves.
    await expect.poll(() => history.first().innerText(), { timeout: 15_000 }).toContain('Gesendet');
    await expect.poll(() => page.locator('[data-testid="invoice-status"]').getAttribute('data-status')).toBe('sent');
    expect(errors).toEqual([]);
  });

  it('without SMTP the button is disabled and says why', async () => {
    const { client: admin } = await userWithRole(unconfigured, 'Admin');
    await prepareInvoicing(admin);
    const { employee: accountant, client } = await userWithRole(unconfigured, 'Accountant');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Ohne-SMTP GmbH'), email: 'ohne-smtp@example.test', street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland' });
    const invoice = await client.invoices.finalize.mutate({ id: (await draftInvoice(client, customer.id)).id });
    const { page, errors } = await newPage();
    await signIn(unconfigured, page, accountant.email);
    await page.goto(`${unconfigured.url}/invoices/${invoice.id}`);
    const button = page.locator('[data-testid="invoice-send-email"]');
    await expect.poll(() => button.isVisible()).toBe(true);
    expect(await button.isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="invoice-send-email-not-configured"]').innerText()).toContain('E-Mail-Versand ist nicht eingerichtet');
    expect(errors).toEqual([]);
  });
});
