import { describe, expect, it } from 'vitest';
import { browserSuite, PHONE } from '../helpers/browser.ts';
import { berlinToday, invoiceCustomer } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** An expense with its receipt, recorded in the web app, then seen on its project and on the home dashboard. */
const suite = browserSuite();

describe('expenses in the browser', () => {
  it('records an expense with a receipt by upload, then shows it on the project and on the dashboard', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const { employee: manager, client } = await userWithRole(suite.app, 'Manager');
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Ausgabenprojekt'), customerId: customer.id, status: 'active' });
    const title = unique('Fotografin Produktbilder');

    const errors: string[] = [];
    const { context, page } = await suite.open(manager.email, { errors });

    await page.goto(`${suite.app.url}/finance/expenses/new?projectId=${project.id}`);
    await page.locator('[data-testid="expense-title"]').fill(title);
    await page.locator('[data-testid="expense-category"]').selectOption('service');
    await page.locator('[data-testid="expense-net"]').fill('450,00');
    await page.locator('[data-testid="expense-tax-rate"]').selectOption('19');
    await page.locator('[data-testid="expense-date"]').fill(berlinToday());
    // A text file named like a PDF is refused by the server by its code, shown in German.
    await page.locator('[data-testid="receipt-input"]').setInputFiles({ name: 'Beleg.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just text, named like a PDF') });
    await expect
      .poll(() => page.locator('[data-testid="receipt-error"]').innerText())
      .toBe('Hochladen lassen sich nur PDF-, PNG-, JPEG-, Word- (docx) und Excel-Dateien (xlsx).');
    // The receipt: a small PDF, through the drop zone's file input.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await page.locator('[data-testid="receipt-input"]').setInputFiles({ name: 'Beleg Fotografin.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.locator('[data-testid="receipt-name"]').innerText()).toContain('Beleg Fotografin.pdf');
    await expect.poll(() => page.locator('[data-testid="receipt-progress"]').getAttribute('data-progress')).toBe('100');
    await page.locator('[data-testid="expense-save"]').click();

    // Stored with its receipt and project.
    await expect.poll(async () => (await client.finance.expenses.list.query({ title })).total).toBe(1);
    const [saved] = (await client.finance.expenses.list.query({ title })).items;
    expect(saved).toMatchObject({ netAmount: '450.00', taxAmount: '85.50', grossAmount: '535.50', category: 'service', project: { id: project.id } });
    expect(saved?.receipt?.fileName).toBe('Beleg Fotografin.pdf');

    // On the project page.
    await page.goto(`${suite.app.url}/projects/${project.id}`);
    await expect.poll(() => page.locator('[data-testid="project-expense-row"]').allInnerTexts()).toEqual([expect.stringContaining(title)]);
    await expect.poll(() => page.locator('[data-testid="project-expenses"]').getAttribute('data-amount')).toBe('450.00');

    // On the home dashboard: expenses by category this year ('service' is used by no other test).
    await page.goto(`${suite.app.url}/`);
    const widget = page.locator('[data-testid="widget"][data-type="expenses_by_category"]');
    await expect.poll(() => widget.count()).toBe(1);
    await expect.poll(() => widget.locator('[data-testid="expense-category-row"][data-category="service"]').getAttribute('data-amount')).toBe('450.00');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone-sized screen: dashboard, expenses, documents and reminders are no wider than the phone', async () => {
    const { employee } = await userWithRole(suite.app, 'Accountant');
    const { context, page } = await suite.open(employee.email, { context: PHONE });
    const pages: Array<[string, string]> = [
      ['/', '[data-testid="dashboard"]'],
      ['/finance', 'main'],
      ['/finance/expenses', 'main'],
      ['/finance/expenses/new', '[data-testid="receipt-drop"]'],
      ['/documents', 'main'],
      ['/reminders', 'main'],
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
