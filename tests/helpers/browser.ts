import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app.ts';
import { PASSWORD } from './users.ts';

/** Debian's Chromium, headless, without the background traffic this closed network refuses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
  });
}

/** A real API server that also serves the built web app (npm test builds it and sets WEB_DIST). */
export function startWebApp(): Promise<TestApp> {
  const webDist = process.env.WEB_DIST;
  if (!webDist) throw new Error('WEB_DIST is not set: run through npm test, which builds the web app');
  return startTestApp({ WEB_DIST: webDist });
}

/** Signs in through the login form and waits until the app has left the sign-in page. */
export async function signIn(app: TestApp, page: Page, email: string, password = PASSWORD) {
  await page.goto(`${app.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
