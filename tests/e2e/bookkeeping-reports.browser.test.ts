import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP } from '../helpers/browser.ts';
import { draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole } from '../helpers/users.ts';
import { startWorker, type RunningWorker } from '../helpers/worker.ts';

/** The reports pages' PDF buttons, in the built web app with a real worker rendering the files. */
const suite = browserSuite();
let worker: RunningWorker;
beforeAll(() => {
  worker = startWorker();
});
afterAll(async () => {
  await worker?.stop();
});

/** Clicks a PDF button, waits for the download and returns the file's text (pdftotext, whitespace runs as one space). */
async function downloadedText(page: import('playwright-core').Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 150_000 }), page.locator(`[data-testid="${testId}"]`).click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'workmate-report-')), 'report.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  return { name: download.suggestedFilename(), text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ') };
}

describe('bookkeeping reports in the browser', () => {
  it('downloads the trial balance and the UStVA as PDF beside their CSV buttons', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const accounts = Object.fromEntries((await client.bookkeeping.accounts.list.query({})).map((a) => [a.number, a.id]));
    // A month of its own (March 2011), so the figures are this test's alone.
    await client.bookkeeping.journal.post.mutate({
      entryDate: '2011-03-15',
      description: 'Barverkauf Browser',
      lines: [{ accountId: accounts[1000]!, debit: '1469.65' }, { accountId: accounts[8400]!, credit: '1235.00', taxCode: 'UST19' }, { accountId: accounts[1776]!, credit: '234.65', taxCode: 'UST19' }],
    });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { context: { ...DESKTOP, acceptDownloads: true }, errors, at: '/bookkeeping/reports' });
    await page.locator('[data-testid="bk-from"]').fill('2011-03-01');
    await page.locator('[data-testid="bk-to"]').fill('2011-03-31');
    await expect.poll(() => page.locator('[data-testid="bk-tb-row"]').count()).toBe(3);
    await expect.poll(() => page.locator('[data-testid="bk-tb-csv"]').isVisible()).toBe(true);
    const tb = await downloadedText(page, 'bk-tb-pdf');
    expect(tb.name).toBe('Summen-und-Saldenliste_2011-03-01_2011-03-31.pdf');
    expect(tb.text).toContain('Summen- und Saldenliste');
    expect(tb.text).toContain('Zeitraum 01.03.2011 bis 31.03.2011');
    expect(tb.text).toMatch(/1000 \S.* 0,00 1\.469,65 0,00 1\.469,65/);
    expect(tb.text).toContain('Summe 0,00 1.469,65 1.469,65 0,00');
    expect(tb.text).toContain('Seite 1 von 1');

    await page.goto(`${suite.app.url}/bookkeeping/vat`);
    await page.locator('[data-testid="bk-vat-year"]').fill('2011');
    await page.locator('[data-testid="bk-vat-period"]').selectOption('m3');
    const vat = await downloadedText(page, 'bk-vat-pdf');
    expect(vat.name).toBe('UStVA_2011-03.pdf');
    expect(vat.text).toContain('Voranmeldungszeitraum März 2011');
    expect(vat.text).toMatch(/81 Steuerpflichtige Umsätze zum Steuersatz von 19 % 1\.235 234,65/);
    expect(errors).toEqual([]);
    await context.close();
    // The worker's first render launches Chromium: on a busy machine that takes a while.
  }, 300_000);

  it('downloads the open items of the debtors as PDF beside their CSV button', async () => {
    const admin = (await userWithRole(suite.app, 'Admin')).client;
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin);
    const invoice = await client.invoices.finalize.mutate({ id: (await draftInvoice(client, customer.id)).id });
    const { items, parties } = await client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customer.id });
    expect(items.map((i) => i.open)).toEqual(['1237.29']);
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { context: { ...DESKTOP, acceptDownloads: true }, errors, at: '/finance/bookkeeping' });
    await expect.poll(() => page.locator('[data-testid="bk-open-items-csv"]').isVisible()).toBe(true);
    const pdf = await downloadedText(page, 'bk-open-items-pdf');
    expect(pdf.name).toMatch(/^OP-Liste_Debitoren_\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.text).toContain('Offene Posten Debitoren');
    expect(pdf.text).toContain(`${parties[0]?.accountNumber} ${customer.name}`);
    expect(pdf.text).toMatch(new RegExp(`${invoice.number} \\S+ \\S+ 1\\.237,29 1\\.237,29`));
    expect(pdf.text).toContain(`Summe ${customer.name} 1.237,29`);
    // As of a day before any posting: nothing was open yet, and the PDF is named after that day.
    await page.locator('[data-testid="bk-open-items-as-of"]').fill('2000-01-01');
    await expect.poll(() => page.getByText('Keine offenen Posten.').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="bk-open-item"]').count()).toBe(0);
    const old = await downloadedText(page, 'bk-open-items-pdf');
    expect(old.name).toBe('OP-Liste_Debitoren_2000-01-01.pdf');
    expect(old.text).toContain('Stichtag 01.01.2000');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
