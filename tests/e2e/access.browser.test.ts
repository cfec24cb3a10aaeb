import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP } from '../helpers/browser.ts';
import { PASSWORD, unique, userWithRole } from '../helpers/users.ts';

/**
 * What the web app shows to whom (issue 13, access rights): the hourly rate field only for rate
 * holders, a project's money tiles only for finance roles, and the password for a token that
 * never expires.
 */
const suite = browserSuite();
const screen = { ...DESKTOP, viewport: { width: 1280, height: 800 } };

describe('access rights in the web app', () => {
  it('the entry form shows the hourly rate only to holders of timeTracking.rates', async () => {
    for (const [role, shown] of [['Employee', 0], ['Manager', 1]] as const) {
      const { employee } = await userWithRole(suite.app, role);
      const { page } = await suite.open(employee.email, { context: screen, at: '/time' });
      await page.locator('[data-testid="new-entry"]').click();
      await expect.poll(() => page.locator('[data-testid="entry-form"] [name="note"]').count()).toBe(1);
      expect(await page.locator('[data-testid="entry-form"] [name="hourlyRate"]').count()).toBe(shown);
      await page.context().close();
    }
  });

  it('the project page shows revenue, expenses and margin only to finance roles, never as empty tiles', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Kachelkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Kachelprojekt'), customerId: customer.id });
    for (const [role, tiles] of [['Employee', 0], ['Manager', 1]] as const) {
      const { employee } = await userWithRole(suite.app, role);
      const errors: string[] = [];
      const { page } = await suite.open(employee.email, { context: screen });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${suite.app.url}/projects/${project.id}`);
      await expect.poll(() => page.locator('[data-testid="stat-total-hours"]').count()).toBe(1);
      for (const tile of ['project-revenue', 'project-expenses', 'project-margin']) expect([tile, await page.locator(`[data-testid="${tile}"]`).count()]).toEqual([tile, tiles]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('asks for the password when a token should never expire, and creates it with the right one', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const { page } = await suite.open(employee.email, { context: screen, at: '/profile' });
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
