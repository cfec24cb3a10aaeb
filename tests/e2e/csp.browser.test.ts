import { describe, expect, it } from 'vitest';
import { WEB_APP_CSP } from '@workmate/api/server';
import { browserSuite } from '../helpers/browser.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * The web app under its Content-Security-Policy: the header is on every page of the app, every
 * page still works without a single violation, and injected inline script does not run.
 */
const suite = browserSuite();

describe('Content-Security-Policy', () => {
  it('is sent with the app (index.html, deep links and assets), strict: self only, no inline script or style', async () => {
    expect(WEB_APP_CSP).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
    const index = await fetch(`${suite.app.url}/`);
    const html = await index.text();
    for (const path of ['/', '/login', '/crm/customers', '/invoices/list', ...[...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string)]) {
      const res = await fetch(`${suite.app.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(WEB_APP_CSP);
    }
    // No inline script in the page itself: everything comes from /assets.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('every page works under it without a violation, and injected inline script is blocked', async () => {
    const { client: admin, employee } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin, { name: unique('CSP-Kunde') });
    const project = await admin.projects.create.mutate({ title: unique('CSP-Projekt'), customerId: customer.id, hourlyRate: '90', status: 'active' });
    const invoice = await admin.invoices.create.mutate({ customerId: customer.id, lines: [{ description: 'Beratung', quantity: '1', unit: 'Std.', unitPrice: '90.00', taxRate: 19 }] });

    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, {
      errors,
      prepare: async (fresh) => {
        // Every violation the browser reports, from the first script on.
        await fresh.addInitScript(() => {
          const seen: string[] = [];
          (window as unknown as { cspViolations: string[] }).cspViolations = seen;
          document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
        });
        fresh.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
        });
      },
    });

    const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    const pages = [
      '/',
      '/crm/customers',
      `/crm/customers/${customer.id}`,
      '/projects/list',
      `/projects/${project.id}`,
      '/time',
      '/time/timesheet',
      '/time/reports',
      '/invoices/list',
      `/invoices/${invoice.id}`,
      '/finance/expenses',
      '/documents',
      '/reminders',
      '/admin/employees',
      '/admin/roles',
      '/admin/settings',
      '/admin/audit',
      '/profile',
    ];
    for (const path of pages) {
      await page.goto(`${suite.app.url}${path}`);
      // The page has rendered its content (the app's shell and more than a loading line).
      await expect.poll(async () => (await page.locator('main').innerText()).trim().length, { message: path }).toBeGreaterThan(20);
      expect(await violations(), path).toEqual([]);
    }
    expect(errors).toEqual([]);

    // What an injection would try: an inline event handler and an inline script. Neither runs.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="/nothing-here.png" onerror="window.pwned = 1">');
      const script = document.createElement('script');
      script.textContent = 'window.pwned = 2';
      document.body.append(script);
    });
    await expect.poll(async () => (await violations()).length).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await context.close();
  });
});
