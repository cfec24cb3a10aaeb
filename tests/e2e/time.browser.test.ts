import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP } from '../helpers/browser.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** The timer in the app shell, the entry list and the weekly timesheet, in the built web app on a real server. */
const suite = browserSuite();

/** Chooses a project in the timer's search picker by typing part of its title and clicking the match. */
async function pickProject(page: Page, prefix: string, title: string) {
  const picker = page.locator(`[data-testid="${prefix}-project"]`);
  await picker.locator('input').click();
  await picker.locator('input').fill(title);
  const option = picker.locator(`[data-testid="${prefix}-project-option"]`, { hasText: title });
  await expect.poll(() => option.count()).toBe(1);
  await option.click();
}

const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

describe('time tracking in the browser', () => {
  it('starts the timer from the shell, keeps it across a reload, stops it, and shows the entry in the list and the timesheet', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Browserkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Timer-Projekt'), customerId: customer.id, status: 'active' });

    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { context: { ...DESKTOP, viewport: { width: 1280, height: 800 } }, errors, at: '/crm/customers' });

    const timer = page.locator('[data-testid="timer"]');
    await pickProject(page, 'timer', project.title);
    await timer.locator('[data-testid="timer-start"]').click();
    await expect.poll(async () => (await client.timeTracking.current.query())?.project?.id).toBe(project.id);
    // The elapsed time ticks in the page (waiting for it to pass the first second).
    await expect.poll(() => timer.locator('[data-testid="timer-elapsed"]').innerText(), { timeout: 10_000 }).toMatch(/^0:00:0[1-9]$|^0:00:[1-5]\d$/);

    // A reload keeps the running timer (it lives on the server) on another page too.
    await page.goto(`${suite.app.url}/projects/list`);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="timer-stop"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="timer-elapsed"]').innerText()).toMatch(/^0:0\d:\d\d$/);
    await page.locator('[data-testid="timer-stop"]').click();
    await expect.poll(async () => client.timeTracking.current.query()).toBeNull();
    await expect.poll(() => page.locator('[data-testid="timer-start"]').count()).toBe(1);

    const stored = await client.timeTracking.entries.list.query({ projectId: project.id });
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]?.endTime).not.toBeNull();

    await page.goto(`${suite.app.url}/time`);
    await expect.poll(() => page.locator('[data-testid="entry-row"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(project.projectNumber)]));

    await page.goto(`${suite.app.url}/time/timesheet`);
    const row = page.locator('[data-testid="timesheet-row"]', { hasText: project.projectNumber });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.locator(`[data-testid="timesheet-cell"][data-date="${berlinToday()}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a timer started by a script, and answers a start from a stale page with the running timer', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const { context, page } = await suite.open(employee.email, { context: { locale: 'de-DE', timezoneId: 'Europe/Berlin' }, at: '/time' });
    await expect.poll(() => page.locator('[data-testid="timer-start"]').count()).toBe(1);
    // The page has settled: it has asked the server for the running timer (none) and its start is enabled,
    // so what follows meets a page that is stale, not one still loading.
    await expect.poll(() => page.locator('[data-testid="timer"]').getAttribute('data-running')).toBe('false');
    await expect.poll(() => page.locator('[data-testid="timer-start"]').isEnabled()).toBe(true);
    // A script starts a timer while the page still shows "start": the page's start is refused
    // with a message, and the page then shows the running timer.
    const running = await client.timeTracking.start.mutate({ note: 'per Skript' });
    await page.locator('[data-testid="timer-start"]').click();
    await expect.poll(() => page.locator('[data-testid="timer-message"]').count()).toBe(1);
    // The refusal comes with its code (time.timerRunningInternal) and parameters; the page words it in German.
    expect(await page.locator('[data-testid="timer-message"]').innerText()).toMatch(/^Es läuft bereits ein Timer seit .+ \(interne Zeit\)\. Bitte stoppen Sie ihn/);
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
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Wochenkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Wochenprojekt'), customerId: customer.id, status: 'active' });
    // A day of this week that is already past 02:00 in Berlin (so 1,5 hours from midnight lie in the past).
    const now = new Date();
    const berlinHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(now));
    const day = berlinHour >= 2 ? berlinToday() : new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(now.getTime() - 86_400_000));
    const mondayEarly = berlinHour < 2 && new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(now) === 'Mon';
    await client.timeTracking.entries.create.mutate({ projectId: project.id, date: day, durationMinutes: 30 });
    const { context, page } = await suite.open(employee.email, { context: { locale: 'de-DE', timezoneId: 'Europe/Berlin' }, at: '/time/timesheet' });
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

  it('starts a timer with a description and a task type on a project found by typing, and the stopped entry keeps both', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Suchkunde') });
    // More open projects than one page of the picker: the one wanted is found by the server's search.
    const tag = unique('Suchprojekt').replace(/\W/g, '');
    for (let i = 0; i < 25; i++) await admin.projects.create.mutate({ title: `${tag} Nebenprojekt ${i}`, customerId: customer.id, status: 'active' });
    const project = await admin.projects.create.mutate({ title: `${tag} Zielprojekt`, customerId: customer.id, status: 'active' });

    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { context: { ...DESKTOP, viewport: { width: 1440, height: 900 } }, errors });
    const timer = page.locator('[data-testid="timer"]');
    await pickProject(page, 'timer', 'Zielprojekt');
    await expect.poll(() => timer.locator('[data-testid="timer-project"]').getAttribute('data-value')).toBe(project.id);
    await timer.locator('[data-testid="timer-note"]').fill('Angebot überarbeiten');
    await timer.locator('[data-testid="timer-task"]').selectOption('consulting');
    await timer.locator('[data-testid="timer-start"]').click();
    await expect.poll(async () => (await client.timeTracking.current.query())?.project?.id).toBe(project.id);
    await expect.poll(() => page.locator('[data-testid="timer-stop"]').count()).toBe(1);
    await page.locator('[data-testid="timer-stop"]').click();
    await expect.poll(async () => client.timeTracking.current.query()).toBeNull();

    const stored = await client.timeTracking.entries.list.query({ projectId: project.id });
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({ note: 'Angebot überarbeiten', taskType: 'consulting' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('today’s timesheet cell stores hours ending by now, and keeps a refused value in the cell with the reason', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Heutekunde') });
    const project = await admin.projects.create.mutate({ title: unique('Heuteprojekt'), customerId: customer.id, status: 'active' });
    // A row for the project this week (an entry yesterday or, on Mondays, last Sunday's is in another week: a past slot today).
    const today = berlinToday();
    await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: new Date(Date.now() - 120_000).toISOString(), endTime: new Date(Date.now() - 60_000).toISOString() });
    const { context, page } = await suite.open(employee.email, { context: { ...DESKTOP, viewport: { width: 1440, height: 900 } }, at: '/time/timesheet' });
    const cell = page.locator(`[data-testid="timesheet-cell"][data-date="${today}"][data-project="${project.id}"]`);
    await expect.poll(() => cell.count()).toBe(1);

    // 24 hours never fit into today: refused, the typed value stays, the reason shows, nothing is stored.
    const input = cell.locator('input');
    await cell.click();
    await input.fill('24');
    await input.press('Enter');
    await expect.poll(() => page.locator('[data-testid="timesheet-cell-error"]').count()).toBe(1);
    expect(await input.inputValue()).toBe('24');
    expect(await page.locator('[data-testid="timesheet-cell-error"]').innerText()).toMatch(/vergangen/);
    // Leaving the cell keeps the value too.
    await page.locator('h1').first().click();
    expect(await input.inputValue()).toBe('24');
    const entries = async () => (await client.timeTracking.entries.list.query({ projectId: project.id })).items;
    expect((await entries()).map((e) => e.durationMinutes)).toEqual([1]);

    // One minute fits (it ends by now at the latest): the existing 1-minute entry becomes 2 minutes, never in the future.
    await cell.click();
    await input.fill('0:02');
    await input.press('Enter');
    await expect.poll(async () => (await entries()).map((e) => e.durationMinutes)).toEqual([2]);
    const [entry] = await entries();
    expect(Date.parse(entry?.endTime ?? '')).toBeLessThanOrEqual(Date.now());
    await expect.poll(() => page.locator('[data-testid="timesheet-cell-error"]').count()).toBe(0);
    await context.close();
  });

  it('lists 20 or more entries on one 1440×900 screen', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Dichtekunde mit einem recht langen Namen GmbH & Co. KG') });
    const project = await admin.projects.create.mutate({ title: unique('Dichteprojekt mit langem Titel'), customerId: customer.id, status: 'active' });
    for (let i = 0; i < 25; i++) {
      const day = `2026-03-${String(i + 1).padStart(2, '0')}`;
      await client.timeTracking.entries.create.mutate({
        projectId: project.id,
        startTime: `${day}T09:00:00+01:00`,
        endTime: `${day}T11:15:00+01:00`,
        note: `Eintrag ${i}: eine längere Beschreibung der Arbeit, die in der Liste gekürzt wird, damit jede Zeile einzeilig bleibt`,
      });
    }
    const { context, page } = await suite.open(employee.email, { context: { ...DESKTOP, viewport: { width: 1440, height: 900 } }, at: '/time' });
    const rows = page.locator('[data-testid="entry-row"]');
    await expect.poll(() => rows.count()).toBe(25);
    const inView = await rows.evaluateAll((els) => els.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }).length);
    expect(inView).toBeGreaterThanOrEqual(20);
    await context.close();
  });
});
