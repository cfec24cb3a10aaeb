import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, PHONE } from '../helpers/browser.ts';
import { files, upload } from '../helpers/documents.ts';
import { berlinToday, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** The built web app, served by a real API server, driven by Debian's Chromium. */
const suite = browserSuite();

describe('CRM in the browser', () => {
  it('signs in, creates a customer, adds a contact, finds it by search, and switches the language', async () => {
    const { employee } = await userWithRole(suite.app, 'Employee');
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { context: { ...DESKTOP, viewport: { width: 1280, height: 800 } }, errors, at: '/crm/customers' });
    await page.click('[data-testid="new-customer"]');
    const name = unique('Browser Bäckerei');
    const form = page.locator('[data-testid="customer-form"]');
    await form.locator('input[name="name"]').fill(name);
    await form.locator('input[name="city"]').fill('Regensburg');
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/\/crm\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main').innerText()).toContain(name);

    await page.click('[data-testid="add-contact"]');
    const contactForm = page.locator('[data-testid="contact-form"]');
    await contactForm.locator('input[name="firstName"]').fill('Greta');
    await contactForm.locator('input[name="lastName"]').fill('Gebäck');
    await contactForm.locator('input[name="isPrimary"]').check();
    await contactForm.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="contact-row"]').allInnerTexts()).toEqual([expect.stringContaining('Greta Gebäck')]);

    await page.goto(`${suite.app.url}/crm/customers`);
    await page.fill('[data-testid="customer-search"]', name.split(' ').at(-1) ?? name);
    await expect.poll(() => page.locator('[data-testid="customer-row"]').allInnerTexts()).toEqual([expect.stringContaining(name)]);

    // German by default; English on request, kept across reloads; and back.
    await expect.poll(() => page.locator('nav').first().innerText()).toContain('Kunden');
    await page.click('[data-testid="lang-en"]');
    await expect.poll(() => page.locator('nav').first().innerText()).toContain('Customers');
    await page.reload();
    await expect.poll(() => page.locator('nav').first().innerText()).toContain('Customers');
    await page.click('[data-testid="lang-de"]');
    await expect.poll(() => page.locator('nav').first().innerText()).toContain('Kunden');

    // What the browser did is what the server stored.
    const stored = await suite.app.orm.em.fork().getConnection().execute<Array<{ n: string }>>(
      `select count(*) as n from contacts ct join customers c on c.id = ct.customer_id where c.name = ? and ct.is_primary`,
      [name],
    );
    expect(Number(stored[0]?.n)).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a sign-in error for a wrong password and keeps the user on the sign-in page', async () => {
    const { employee } = await userWithRole(suite.app, 'Employee');
    const { context, page } = await suite.open(null, { context: {}, at: '/login' });
    await page.fill('input[name="email"]', employee.email);
    await page.fill('input[name="password"]', 'definitely wrong');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('[data-testid="login-error"]').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('works on a phone-sized screen: no page is wider than the phone (CRM, projects, time tracking)', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const customer = await client.crm.customers.create.mutate({ name: unique('Handy Holzbau GmbH & Co. KG mit langem Namen'), city: 'Wuppertal' });
    await client.crm.contacts.create.mutate({ customerId: customer.id, firstName: 'Maximiliane', lastName: 'Mustermann-Lüdenscheid', email: 'maximiliane.mustermann@example.test', isPrimary: true });
    const { context, page } = await suite.open(employee.email, { context: PHONE });
    const pages: Array<[string, string]> = [
      ['/crm/customers', '[data-testid="customer-search"]'],
      [`/crm/customers/${customer.id}`, '[data-testid="add-contact"]'],
      ['/crm/contacts', 'main table, main [data-testid]'],
      ['/crm', 'main'],
      ['/projects', 'main'],
      ['/projects/list', '[data-testid="project-row"], main'],
      ['/time', '[data-testid="new-entry"]'],
      ['/time/timesheet', '[data-testid="timesheet"]'],
      ['/time/reports', '[data-testid="report-table"], main'],
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

  it('the customer page shows projects (active first), invoices with open amounts, open balance, revenue and documents; money only to invoice readers', async () => {
    const { client: admin, token: adminToken } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin);
    const line = (unitPrice: string) => [{ description: 'Leistung', quantity: '1', unit: 'Std.', unitPrice, taxRate: 19 as const }];
    // 1,000.00 net, 1,190.00 gross, 190.00 paid: 1,000.00 open. A second one, 100.00 net, is cancelled.
    const open = await finalizedInvoice(admin, customer.id, { lines: line('1000.00') });
    await admin.invoices.payments.add.mutate({ invoiceId: open.id, amount: '190.00', paymentDate: berlinToday() });
    const cancelled = await finalizedInvoice(admin, customer.id, { lines: line('100.00') });
    await admin.invoices.cancel.mutate({ id: cancelled.id });
    const done = await admin.projects.create.mutate({ title: unique('Abgeschlossen'), customerId: customer.id, status: 'completed' });
    const active = await admin.projects.create.mutate({ title: unique('Aktiv'), customerId: customer.id, status: 'active' });
    const uploaded = await upload(suite.app, adminToken, files.pdf(), { name: 'vertrag.pdf', fields: { entity: 'customer', entityId: customer.id, title: 'Rahmenvertrag' } });
    expect(uploaded.status).toBe(201);

    const accountant = await userWithRole(suite.app, 'Accountant');
    const errors: string[] = [];
    const { context, page } = await suite.open(accountant.employee.email, { context: { ...DESKTOP, viewport: { width: 1440, height: 900 } }, errors, at: `/crm/customers/${customer.id}` });
    await expect.poll(() => page.locator('[data-testid="customer-open-balance-value"]').innerText()).toBe('1.000,00 €');
    expect(await page.locator('[data-testid="customer-revenue-year-value"]').innerText()).toBe('1.000,00 €');
    expect(await page.locator('[data-testid="customer-revenue-total-value"]').innerText()).toBe('1.000,00 €');
    const openRow = page.locator(`[data-testid="customer-invoice-row"][data-id="${open.id}"]`);
    expect(await openRow.innerText()).toContain(open.number ?? 'missing number');
    expect(await openRow.locator('[data-testid="customer-invoice-open"]').innerText()).toBe('1.000,00 €');
    expect(await openRow.innerText()).toContain('1.190,00 €');
    expect(await page.locator(`[data-testid="customer-invoice-row"][data-id="${cancelled.id}"]`).innerText()).toContain('Storniert');
    expect(await page.locator('[data-testid="customer-project"]').evaluateAll((els) => els.map((e) => e.textContent ?? ''))).toEqual([
      expect.stringContaining(active.title),
      expect.stringContaining(done.title),
    ]);
    await expect.poll(() => page.locator('[data-testid="customer-document"]').innerText()).toContain('Rahmenvertrag');
    await context.close();

    // An Employee sees the projects and documents, but no invoice and no money figure.
    const employee = await userWithRole(suite.app, 'Employee');
    const { context: employeeContext, page: employeePage } = await suite.open(employee.employee.email, { context: { ...DESKTOP, viewport: { width: 1440, height: 900 } }, errors, at: `/crm/customers/${customer.id}` });
    await expect.poll(() => employeePage.locator('[data-testid="customer-project"]').count()).toBe(2);
    expect(await employeePage.locator('[data-testid="customer-kpis"]').count()).toBe(0);
    expect(await employeePage.locator('[data-testid="customer-invoices"]').count()).toBe(0);
    expect(await employeePage.locator('main').innerText()).not.toContain('1.190,00');
    expect(errors).toEqual([]);
    await employeeContext.close();
  });
});
