import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD, unique, userWithRole } from '../helpers/users.ts';

/**
 * What the web app shows to whom (issue 13, access rights): the hourly rate field only for rate
 * holders, a project's money tiles only for finance roles, and the password for a token that
 * never expires.
 */
let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  const webDist = process.env.WEB_DIST;
  if (!webDist) throw new Error('WEB_DIST is not set: run through npm test, which builds the web app');
  app = await startTestApp({ WEB_DIST: webDist });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await page.goto(`${app.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

describe('access rights in the web app', () => {
  it('the entry form shows the hourly rate only to holders of timeTracking.rates', async () => {
    for (const [role, shown] of [['Employee', 0], ['Manager', 1]] as const) {
      const { employee } = await userWithRole(app, role);
      const page = await signedIn(employee.email);
      await page.goto(`${app.url}/time`);
      await page.locator('[data-testid="new-entry"]').click();
      await expect.poll(() => page.locator('[data-testid="entry-form"] [name="note"]').count()).toBe(1);
      expect(await page.locator('[data-testid="entry-form"] [name="hourlyRate"]').count()).toBe(shown);
      await page.context().close();
    }
  });

  it('the project page shows revenue, expenses and margin only to finance roles, never as empty tiles', async () => {
    const { client: admin } = await userWithRole(app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Kachelkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Kachelprojekt'), customerId: customer.id });
    for (const [role, tiles] of [['Employee', 0], ['Manager', 1]] as const) {
      const { employee } = await userWithRole(app, role);
      const page = await signedIn(employee.email);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${app.url}/projects/${project.id}`);
      await expect.poll(() => page.locator('[data-testid="stat-total-hours"]').count()).toBe(1);
      for (const tile of ['project-revenue', 'project-expenses', 'project-margin']) expect([tile, await page.locator(`[data-testid="${tile}"]`).count()]).toEqual([tile, tiles]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('asks for the password when a token should never expire, and creates it with the right one', async () => {
    const { employee, client } = await userWithRole(app, 'Employee');
    const page = await signedIn(employee.email);
    await page.goto(`${app.url}/profile`);
    const form = page.locator('[data-testid="api-tokens"]');
    await form.locator('[data-testid="token-name"]').fill('Skript ohne Ablauf');
    await expect.poll(() => form.locator('[data-testid="token-password"]').count()).toBe(1);
    // Without it: refused in the form, nothing created.
    await form.locator('[data-testid="create-token"]').click();
    await expect.poll(() => form.locator('.field-error').count()).toBeGreaterThan(0);
    const before = (await client.auth.apiTokens.list.query()).length;
    // A wrong one: the server names the field.
    await form.locator('[data-testid="token-password"]').fill('not my password');
    await form.locator('[data-testid="create-token"]').click();
    await expect.poll(() => form.locator('.field-error').allInnerTexts()).toEqual([expect.stringMatching(/password|Passwort/i)]);
    expect((await client.auth.apiTokens.list.query()).length).toBe(before);
    await form.locator('[data-testid="token-password"]').fill(PASSWORD);
    await form.locator('[data-testid="create-token"]').click();
    await expect.poll(() => page.locator('[data-testid="token-secret-value"]').count()).toBe(1);
    expect((await client.auth.apiTokens.list.query()).some((t) => t.name === 'Skript ohne Ablauf' && t.expiresAt === null)).toBe(true);
    // With an expiry the password field goes away.
    await form.locator('[name="expiresInDays"]').fill('30');
    await expect.poll(() => form.locator('[data-testid="token-password"]').count()).toBe(0);
    await page.context().close();
  });
});
