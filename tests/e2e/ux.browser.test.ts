import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP } from '../helpers/browser.ts';
import { draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** Issue 13, everyday friction: readable values, dialogs, German role names, the phone layout. */
const suite = browserSuite();

async function openAs(email: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const errors: string[] = [];
  const { context, page } = await suite.open(email, { context: { ...DESKTOP, viewport }, errors });
  return { context, page, errors };
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('readable values', () => {
  it("a project's chat words a status change and an invoice total in German", async () => {
    const { client: admin, employee } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Lesbarer Chat'), customerId: customer.id, projectManagerId: employee.id, status: 'active' });
    await admin.projects.update.mutate({ id: project.id, status: 'on_hold' });
    const invoice = await finalizedInvoice(admin, customer.id, { projectId: project.id, lines: [{ description: 'Beratung', quantity: '1', unitPrice: '2113.75', taxRate: 19 }] });
    expect(invoice.grossTotal).toBe('2515.36');

    const { context, page, errors } = await openAs(employee.email);
    await page.goto(`${suite.app.url}/projects/${project.id}`);
    await page.locator('[data-testid="tab-chat"]').click();
    const system = page.locator('[data-testid="chat-message"][data-kind="system"] [data-testid="chat-text"]');
    await expect.poll(() => system.allInnerTexts()).toContain('Projektstatus geändert: Aktiv → Pausiert');
    await expect.poll(() => system.allInnerTexts()).toContain(`Rechnung ${invoice.number} festgeschrieben (2.515,36 €)`);
    const all = (await system.allInnerTexts()).join('\n');
    expect(all).not.toMatch(/on_hold|active|2515\.36/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the audit view shows Berlin times, labels, names and "System", never raw ISO times, enum codes or ids', async () => {
    const { client: admin, employee } = await userWithRole(suite.app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Protokollkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Protokollprojekt'), customerId: customer.id, projectManagerId: employee.id, status: 'active' });
    await admin.projects.update.mutate({ id: project.id, status: 'on_hold', budget: '2515.36' });

    const { context, page, errors } = await openAs(employee.email);
    await page.goto(`${suite.app.url}/admin/audit`);
    await page.locator('[data-testid="audit-entity"]').fill('project');
    const rows = page.locator('[data-testid="audit-row"]');
    const projectRow = rows.filter({ hasText: project.title }).filter({ hasText: 'Pausiert' }).first();
    await expect.poll(() => projectRow.count()).toBe(1);
    const text = await projectRow.innerText();
    expect(text).toContain('Aktiv');
    expect(text).toContain('Pausiert');
    expect(text).toContain('2.515,36 €');
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    // The creation row names the customer and the manager instead of their ids.
    const created = rows.filter({ hasText: project.title }).filter({ hasText: 'angelegt' }).first();
    await expect.poll(() => created.count()).toBe(1);
    expect(await created.innerText()).toContain(customer.name);
    const table = await page.locator('[data-testid="audit-table"]').innerText();
    expect(table).not.toMatch(ISO);
    expect(table).not.toMatch(UUID);
    expect(table).not.toMatch(/\bon_hold\b/);
    expect(table).not.toMatch(/\bworker\b/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('dialogs', () => {
  it('keep focus inside (Tab from the last field goes to the first), close on Escape and give focus back to the opener', async () => {
    const { employee } = await userWithRole(suite.app, 'Admin');
    const { context, page, errors } = await openAs(employee.email);
    await page.goto(`${suite.app.url}/crm/customers`);
    const opener = page.locator('[data-testid="new-customer"]');
    await opener.click();
    const dialog = page.locator('[data-testid="customer-dialog"]');
    await dialog.waitFor();
    const focusables = dialog.locator('a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])');
    const last = focusables.last();
    await last.focus();
    await page.keyboard.press('Tab');
    const firstId = await focusables.first().evaluate((el) => el.outerHTML);
    await expect.poll(() => page.evaluate(() => document.activeElement?.outerHTML)).toBe(firstId);
    // Shift+Tab from the first goes round to the last.
    await page.keyboard.press('Shift+Tab');
    const lastId = await last.evaluate((el) => el.outerHTML);
    await expect.poll(() => page.evaluate(() => document.activeElement?.outerHTML)).toBe(lastId);
    // Many Tabs never leave the dialog.
    for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="customer-dialog"]'))).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('new-customer');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ask "Änderungen verwerfen?" before closing a form someone typed in, and keep the input when they go back', async () => {
    const { employee } = await userWithRole(suite.app, 'Admin');
    const { context, page, errors } = await openAs(employee.email);
    await page.goto(`${suite.app.url}/crm/customers`);
    await page.locator('[data-testid="new-customer"]').click();
    const dialog = page.locator('[data-testid="customer-dialog"]');
    await dialog.waitFor();
    const discard = page.locator('[data-testid="discard-dialog"]');

    // An untouched form closes at once.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await discard.count()).toBe(0);

    await page.locator('[data-testid="new-customer"]').click();
    await dialog.locator('input[name="name"]').fill('Halb ausgefüllt GmbH');
    for (const close of [() => page.keyboard.press('Escape'), () => dialog.locator('[data-testid="modal-close"]').click(), () => dialog.getByRole('button', { name: 'Abbrechen' }).click()]) {
      await close();
      await expect.poll(() => discard.count()).toBe(1);
      expect(await discard.innerText()).toContain('Änderungen verwerfen?');
      // "Weiter bearbeiten" keeps the dialog and what was typed.
      await discard.locator('[data-testid="discard-keep"]').click();
      await expect.poll(() => discard.count()).toBe(0);
      expect(await dialog.locator('input[name="name"]').inputValue()).toBe('Halb ausgefüllt GmbH');
    }
    await page.keyboard.press('Escape');
    await discard.locator('[data-testid="discard-confirm"]').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('roles in German', () => {
  it('the roles page names the built-in roles in German and describes every permission', async () => {
    const { employee } = await userWithRole(suite.app, 'Admin');
    const { context, page, errors } = await openAs(employee.email);
    await page.goto(`${suite.app.url}/admin/roles`);
    const names = page.locator('[data-testid="role-name"]');
    await expect.poll(() => names.allInnerTexts()).toEqual(expect.arrayContaining(['Administrator', 'Mitarbeiter', 'Buchhaltung', 'Prüfer', 'Manager']));
    const employeeRow = page.locator('[data-testid="role-row"]').filter({ has: page.locator('[data-testid="role-name"]', { hasText: /^Mitarbeiter$/ }) });
    const text = await employeeRow.innerText();
    expect(text).toContain('Eigene Zeiten erfassen: Timer und manuelle Einträge');
    expect(text).toContain('Kunden, Ansprechpartner und Aktivitäten ansehen');
    expect(text).toContain('Tägliche Arbeit mit Kunden');
    const accountant = await page.locator('[data-testid="role-row"]').filter({ hasText: 'Buchhaltung' }).innerText();
    expect(accountant).toContain('Rechnungen: alles');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('phone layout (390 × 844)', () => {
  it('customers, invoices and time: the first column is on screen, nothing is wider than the screen, the timer fits', async () => {
    const { client: admin, employee } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const customer = await invoiceCustomer(admin, { name: unique('Handykunde mit einem recht langen Namen') });
    await draftInvoice(admin, customer.id);
    const project = await admin.projects.create.mutate({ title: unique('Handyprojekt'), customerId: customer.id, status: 'active' });
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await admin.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${day}T08:00:00Z`, endTime: `${day}T09:30:00Z`, note: 'Eine Notiz, die etwas länger ist als die Spalte' });

    const { context, page, errors } = await openAs(employee.email, { width: 390, height: 844 });
    for (const path of ['/crm/customers', '/invoices/list', '/time']) {
      await page.goto(`${suite.app.url}${path}`);
      const firstCell = page.locator('table tbody tr:first-child td:first-child').first();
      await firstCell.waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: path }).toBeLessThanOrEqual(390);
      // The table shows its priority columns only: nothing to scroll sideways, so the key column never leaves the screen.
      const wrap = await page.locator('.table-wrap').first().evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth, html: w.querySelector('tbody tr')?.innerHTML.slice(0, 2000) }));
      expect(wrap.scroll, `${path} ${wrap.html}`).toBeLessThanOrEqual(wrap.client + 1);
      // The filters fold behind one button, and the list starts on the first screen.
      await expect.poll(() => page.locator('[data-testid="filter-toggle"]').isVisible()).toBe(true);
      const firstRow = await page.locator('table tbody tr').first().boundingBox();
      expect(firstRow!.y, path).toBeLessThan(844 * 0.6);
      for (const cell of [page.locator('table thead th:first-child').first(), firstCell]) {
        const box = await cell.boundingBox();
        expect(box, path).not.toBeNull();
        expect(box!.x, path).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, path).toBeLessThanOrEqual(390);
        expect(box!.y, path).toBeLessThan(844);
        expect(await cell.isVisible()).toBe(true);
      }
      // The timer and every control in it are inside the screen, none cut off.
      const timer = page.locator('[data-testid="timer"]');
      const parts = await timer.locator('select, input, button, [data-testid="timer-elapsed"]').evaluateAll((els) =>
        els
          .filter((el) => getComputedStyle(el).display !== 'none')
          .map((el) => { const r = el.getBoundingClientRect(); return { tag: el.tagName, left: r.left, right: r.right, width: r.width }; }),
      );
      // Project field, time and start button at least; every field shown is wide enough to type in.
      expect(parts.length, path).toBeGreaterThanOrEqual(3);
      for (const p of parts) {
        expect(p.left, path).toBeGreaterThanOrEqual(0);
        expect(p.right, path).toBeLessThanOrEqual(390);
        expect(p.width, path).toBeGreaterThan(p.tag === 'INPUT' || p.tag === 'SELECT' ? 120 : 0);
      }
      expect(await timer.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), path).toBe(true);
    }
    // A project's tabs wrap instead of running off the screen.
    await page.goto(`${suite.app.url}/projects/${project.id}`);
    await page.locator('[data-testid="tab-chat"]').waitFor();
    const tabs = await page.locator('[role="tab"]').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
    expect(tabs.length).toBeGreaterThan(2);
    for (const right of tabs) expect(right).toBeLessThanOrEqual(390);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  });
});
