import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@workmate/db/entities/role';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DESKTOP, launchBrowser, signIn } from '../helpers/browser.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { userWithRole } from '../helpers/users.ts';

/** The sign-in page's OIDC button, through a real OpenID provider and back, in Chromium. */
let provider: TestProvider;
let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  const webDist = process.env.WEB_DIST;
  if (!webDist) throw new Error('WEB_DIST is not set: run through npm test, which builds the web app');
  provider = await startTestProvider();
  app = await startTestApp({ WEB_DIST: webDist, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_BUTTON_LABEL: 'Keycloak' });
  provider.start([`${app.url}/auth/oidc/callback`]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
});

/** Clicks the button on the sign-in page and signs in at the provider's development form as `subject`. */
async function signInWithButton(page: Page, subject: string) {
  await page.goto(`${app.url}/login`);
  const button = page.locator('[data-testid="oidc-sign-in"]');
  await expect.poll(() => button.isVisible()).toBe(true);
  expect(await button.innerText()).toBe('Anmelden mit Keycloak');
  await button.click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await page.fill('input[name="login"]', subject);
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  // The provider asks once for consent to share the email with Workmate.
  await page.waitForSelector('input[name="prompt"][value="consent"]', { state: 'attached' });
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.href.startsWith(app.url));
}

describe('sign-in with OIDC in the browser', () => {
  it('a known employee lands in the app, signed in', async () => {
    const em = app.orm.em.fork();
    const employee = await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Employee' }), email: `oidc-browser-${randomUUID().slice(0, 8)}@example.test` });
    const subject = `sub-${randomUUID()}`;
    provider.accounts.set(subject, { email: employee.email, emailVerified: true });
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInWithButton(page, subject);
    await page.waitForURL((url) => url.href.startsWith(app.url) && !url.pathname.startsWith('/login'));
    const cookies = await context.cookies(app.url);
    expect(cookies.some((c) => c.name === 'workmate_session' && c.httpOnly)).toBe(true);
    const me = await page.evaluate(async () => (await fetch('/trpc/auth.me')).json());
    expect(JSON.stringify(me)).toContain(employee.id);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an unknown email comes back to the sign-in page with the reason, in German and English', async () => {
    const subject = `sub-${randomUUID()}`;
    provider.accounts.set(subject, { email: `unbekannt-${randomUUID().slice(0, 8)}@example.test`, emailVerified: true });
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signInWithButton(page, subject);
    await page.waitForURL((url) => url.pathname === '/login');
    const error = page.locator('[data-testid="login-error"]');
    await expect.poll(() => error.innerText()).toBe('Zu Ihrer E-Mail-Adresse gibt es kein aktives Konto. Bitte wenden Sie sich an eine Administratorin oder einen Administrator.');
    await page.click('[data-testid="lang-en"]');
    await expect.poll(() => error.innerText()).toBe('There is no active account with your email address. Ask an administrator to create one.');
    expect(await page.locator('[data-testid="oidc-sign-in"]').innerText()).toBe('Sign in with Keycloak');
    expect((await context.cookies(app.url)).some((c) => c.name === 'workmate_session')).toBe(false);
    await context.close();
  });

  it("an admin sees the employee's link on the employee page and unlinks it", async () => {
    const em = app.orm.em.fork();
    const employee = await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Employee' }), email: `oidc-unlink-${randomUUID().slice(0, 8)}@example.test` });
    const subject = `sub-${randomUUID()}`;
    provider.accounts.set(subject, { email: employee.email, emailVerified: true });
    const person = await browser.newContext(DESKTOP);
    await signInWithButton(await person.newPage(), subject);
    await person.close();

    const { employee: admin } = await userWithRole(app, 'Admin');
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(app, page, admin.email);
    await page.goto(`${app.url}/admin/employees/${employee.id}`);
    const card = page.locator('[data-testid="oidc-links"]');
    await expect.poll(() => card.innerText()).toContain(subject);
    expect(await card.innerText()).toContain('Anmeldung über OIDC');
    await card.locator('button', { hasText: 'Verknüpfung lösen' }).click();
    await expect.poll(() => card.innerText()).toContain('Noch nicht verknüpft');
    await context.close();
  });
});
