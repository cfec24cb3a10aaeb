import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { QUEUES } from '@workmate/domain/jobs';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * The platform pages (issue 18) in German: a saved report defined, run as CSV and listed with its
 * run; the API usage page; the monitoring page with its link to the queue view. Admin-only.
 */
const suite = browserSuite();

describe('platform pages in the browser', () => {
  it('saves a report, downloads it as CSV, and shows usage and monitoring to an admin only', async () => {
    const { employee: admin } = await userWithRole(suite.app, 'Admin');
    const { employee: manager } = await userWithRole(suite.app, 'Manager');
    const errors: string[] = [];
    const { context, page } = await suite.open(admin.email, { errors, at: '/' });

    await page.locator('[data-testid="nav-saved-reports"]').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Gespeicherte Berichte');
    await page.locator('[data-testid="ops-report-new"]').click();
    const name = unique('Ausgaben Monat');
    await page.locator('[data-testid="ops-report-name"]').fill(name);
    await page.locator('[data-testid="ops-report-source"]').selectOption('expenses');
    // The columns follow the source: expenses have a title, invoices none.
    await expect.poll(() => page.locator('[data-testid="ops-report-column-title"]').count()).toBe(1);
    await page.locator('[data-testid="ops-report-period"]').selectOption('thisYear');
    await page.locator('[data-testid="ops-report-save"]').click();
    const row = page.locator('[data-testid="ops-report-row"]', { hasText: name });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toContain('Ausgaben');

    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-testid="ops-report-run-csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^Ausgaben-Monat-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Datum;Titel;Kategorie;Mitarbeiter;Projekt');
    await row.locator('button.link-button').click();
    await expect.poll(() => page.locator('[data-testid="ops-report-run"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="ops-report-runs"]').innerText()).toContain('von Hand');

    await page.locator('[data-testid="nav-api-usage"]').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('API-Nutzung');

    await page.locator('[data-testid="nav-monitoring"]').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Betrieb & Warteschlangen');
    await expect.poll(() => page.locator('[data-testid="ops-queue-row"]').count()).toBe(Object.keys(QUEUES).length);
    expect(await page.locator('[data-testid="ops-queue-view-link"]').getAttribute('href')).toBe('/admin/queues');
    // The queue view itself opens for the admin (a page of the API, not of the app).
    const board = await page.request.get(`${suite.app.url}/admin/queues`);
    expect(board.status()).toBe(200);
    expect(errors).toEqual([]);
    await context.close();

    // A manager sees none of it, and the queue view refuses them.
    const other = await suite.open(manager.email, { at: '/' });
    await expect.poll(() => other.page.locator('[data-testid="nav-home"]').count()).toBe(1);
    expect(await other.page.locator('[data-testid="nav-saved-reports"], [data-testid="nav-api-usage"], [data-testid="nav-monitoring"]').count()).toBe(0);
    expect((await other.page.request.get(`${suite.app.url}/admin/queues`)).status()).toBe(403);
    await other.page.goto(`${suite.app.url}/admin/reports`);
    await expect.poll(() => other.page.locator('[data-testid="no-access"]').count()).toBe(1);
    await other.context.close();
  });
});
