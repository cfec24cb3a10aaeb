import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD, unique, userWithRole } from '../helpers/users.ts';

/** The timer in the app shell, the entry list and the weekly timesheet, in the built web app on a real server. */
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

async function signIn(page: Page, email: string) {
  await page.goto(`${app.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

describe('time tracking in the browser', () => {
  it('starts the timer from the shell, keeps it across a reload, stops it, and shows the entry in the list and the timesheet', async () => {
    const { employee, client } = await userWithRole(app, 'Employee');
    const { client: admin } = await userWithRole(app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Browserkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Timer-Projekt'), customerId: customer.id, status: 'active' });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, employee.email);
    await page.goto(`${app.url}/crm/customers`);

    const timer = page.locator('[data-testid="timer"]');
    await timer.locator('[data-testid="timer-project"]').selectOption(project.id);
    await timer.locator('[data-testid="timer-start"]').click();
    await expect.poll(async () => (await client.timeTracking.current.query())?.project?.id).toBe(project.id);
    // The elapsed time ticks in the page (waiting for it to pass the first second).
    await expect.poll(() => timer.locator('[data-testid="timer-elapsed"]').innerText(), { timeout: 10_000 }).toMatch(/^0:00:0[1-9]$|^0:00:[1-5]\d$/);

    // A reload keeps the running timer (it lives on the server) on another page too.
    await page.goto(`${app.url}/projects/list`);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="timer-stop"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="timer-elapsed"]').innerText()).toMatch(/^0:0\d:\d\d$/);
    await page.locator('[data-testid="timer-stop"]').click();
    await expect.poll(async () => client.timeTracking.current.query()).toBeNull();
    await expect.poll(() => page.locator('[data-testid="timer-start"]').count()).toBe(1);

    const stored = await client.timeTracking.entries.list.query({ projectId: project.id });
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]?.endTime).not.toBeNull();

    await page.goto(`${app.url}/time`);
    await expect.poll(() => page.locator('[data-testid="entry-row"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(project.projectNumber)]));

    await page.goto(`${app.url}/time/timesheet`);
    const row = page.locator('[data-testid="timesheet-row"]', { hasText: project.projectNumber });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.locator(`[data-testid="timesheet-cell"][data-date="${berlinToday()}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a timer started by a script, and answers a start from a stale page with the running timer', async () => {
    const { employee, client } = await userWithRole(app, 'Employee');
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await signIn(page, employee.email);
    await page.goto(`${app.url}/time`);
    await expect.poll(() => page.locator('[data-testid="timer-start"]').count()).toBe(1);
    // A script starts a timer while the page still shows "start": the page's start is refused
    // with a message, and the page then shows the running timer.
    const running = await client.timeTracking.start.mutate({ note: 'per Skript' });
    await page.locator('[data-testid="timer-start"]').click();
    await expect.poll(() => page.locator('[data-testid="timer-message"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="timer-stop"]').count()).toBe(1);
    const entries = await client.timeTracking.entries.list.query({ running: true });
    expect(entries.items.map((i) => i.id)).toEqual([running.id]);
    // A reload shows it too.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="timer-stop"]').count()).toBe(1);
    await client.timeTracking.stop.mutate({});
    await context.close();
  });

  it('edits a timesheet cell inline and stores the hours as an entry', async () => {
    const { employee, client } = await userWithRole(app, 'Employee');
    const { client: admin } = await userWithRole(app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Wochenkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Wochenprojekt'), customerId: customer.id, status: 'active' });
    // A day of this week that is already past 02:00 in Berlin (so 1,5 hours from midnight lie in the past).
    const now = new Date();
    const berlinHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(now));
    const day = berlinHour >= 2 ? berlinToday() : new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(now.getTime() - 86_400_000));
    const mondayEarly = berlinHour < 2 && new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(now) === 'Mon';
    await client.timeTracking.entries.create.mutate({ projectId: project.id, date: day, durationMinutes: 30 });
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await signIn(page, employee.email);
    await page.goto(`${app.url}/time/timesheet`);
    if (mondayEarly) await page.locator('[data-testid="week-prev"]').click();
    const cell = page.locator(`[data-testid="timesheet-cell"][data-date="${day}"][data-project="${project.id}"]`);
    await expect.poll(() => cell.count()).toBe(1);
    await cell.click();
    const input = cell.locator('input');
    await input.fill('1,5');
    await input.press('Enter');
    await expect.poll(async () => (await client.timeTracking.entries.list.query({ projectId: project.id })).items.map((i) => i.durationMinutes)).toEqual([90]);
    await context.close();
  });
});
