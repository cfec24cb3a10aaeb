import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareFirstStart } from '@workmate/db/seeds/first-start';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { launchBrowser, startWebApp } from '../helpers/browser.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { anonymousClient, errorOf, unique } from '../helpers/users.ts';

/** The sign-in page of a demo installation says so and shows the demo sign-in; a real one does not. */
let demoDb: Awaited<ReturnType<typeof freshDatabase>>;
let demoApp: TestApp;
let realApp: TestApp;
let browser: Browser;
beforeAll(async () => {
  const webDist = process.env.WEB_DIST;
  if (!webDist) throw new Error('WEB_DIST is not set: run through npm test, which builds the web app');
  demoDb = await freshDatabase('workmate_login_demo');
  expect(await prepareFirstStart(demoDb.orm.em.fork(), { DATABASE_URL: demoDb.databaseUrl, WORKMATE_DEMO: '1' })).toEqual({ kind: 'demo' });
  demoApp = await startTestApp({ WEB_DIST: webDist }, { databaseUrl: demoDb.databaseUrl });
  // The shared test database holds no demo data: a real installation.
  realApp = await startWebApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await demoApp?.close();
  await realApp?.close();
  await demoDb?.drop();
});

describe('the sign-in page', () => {
  it('of a demo installation shows the demo notice with the sign-in, in German and English, and the hint works', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${demoApp.url}/login`);
    const notice = page.locator('[data-testid="demo-notice"]');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toContain('Demo-Installation');
    expect(await notice.innerText()).toContain('admin@workmate.demo / workmate-demo');
    await page.click('[data-testid="lang-en"]');
    await expect.poll(() => notice.innerText()).toContain('Demo installation');
    expect(await notice.innerText()).toContain('do not use it for real data');
    // The sign-in the notice gives works.
    await page.fill('input[name="email"]', 'admin@workmate.demo');
    await page.fill('input[name="password"]', 'workmate-demo');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('of a real installation shows no demo notice', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.goto(`${realApp.url}/login`);
    // Wait until the page knows what kind of installation it is, then look for the notice.
    await expect.poll(() => page.locator('[data-testid="login-form"]').getAttribute('data-instance')).toBe('installation');
    expect(await page.locator('[data-testid="demo-notice"]').count()).toBe(0);
    await context.close();
  });

  it('shows a sign-in refused for too many attempts by its code: in German, with how long to wait', async () => {
    const email = `${unique('gesperrt').replace(' ', '-')}@example.com`;
    // Five failed sign-ins from this address (the browser's too) reach the account-and-address limit.
    const anonymous = anonymousClient(realApp);
    for (let i = 0; i < 5; i++) expect((await errorOf(anonymous.auth.login.mutate({ email, password: 'not the password' }))).code).toBe('UNAUTHORIZED');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.goto(`${realApp.url}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', 'not the password');
    await page.click('button[type="submit"]');
    await expect
      .poll(() => page.locator('[data-testid="login-error"]').innerText())
      .toMatch(/^Zu viele fehlgeschlagene Anmeldungen bei diesem Konto von Ihrer Adresse\. Bitte in \d+ Sekunden erneut versuchen\.$/);
    await context.close();
  });
});
