import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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

/** A desktop screen in German on Berlin time: how most browser tests look at the app. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' };
/** A phone-sized screen (an iPhone 12-ish). */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export interface OpenOptions {
  /** The browser context (screen, language, time zone); DESKTOP when left out. */
  context?: BrowserContextOptions;
  /** Collects the page's uncaught errors from the first load on (a test expects it to stay empty). */
  errors?: string[];
  /** Runs on the new page before anything is loaded (listeners for dialogs, init scripts). */
  prepare?: (page: Page) => void | Promise<void>;
  /** The path to go to after signing in (`/time`). */
  at?: string;
}

export interface BrowserSuite {
  /** The web app's server (only inside tests and hooks: it starts in beforeAll). */
  readonly app: TestApp;
  readonly browser: Browser;
  /** A fresh browser context and page, signed in as `email` (or not, when it is null), at `at`. */
  open(email: string | null, options?: OpenOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * The setup every browser test file shares: the web app's server and a browser for the whole
 * file (started before its first test, closed after its last), and `open` for a signed-in page.
 */
export function browserSuite(): BrowserSuite {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  const suite: BrowserSuite = {
    get app() {
      if (!app) throw new Error('the web app starts in beforeAll: use it inside a test or a hook');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll: use it inside a test or a hook');
      return browser;
    },
    async open(email, { context: options = DESKTOP, errors, prepare, at } = {}) {
      const context = await suite.browser.newContext(options);
      const page = await context.newPage();
      if (errors) page.on('pageerror', (e) => errors.push(e.message));
      await prepare?.(page);
      if (email !== null) await signIn(suite.app, page, email);
      if (at !== undefined) await page.goto(`${suite.app.url}${at}`);
      return { context, page };
    },
  };
  return suite;
}
