import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** Two people in two browsers in one project chat: one writes, the other sees it live; markup stays text. */
const suite = browserSuite();

describe('project chat in the browser', () => {
  it('one user posts, the other sees it live; an XSS payload renders as text', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const anna = await userWithRole(suite.app, 'Manager');
    const ben = await userWithRole(suite.app, 'Employee');
    const customer = await admin.crm.customers.create.mutate({ name: unique('Chatkunde') });
    const project = await admin.projects.create.mutate({ title: unique('Chat im Browser'), customerId: customer.id, projectManagerId: anna.employee.id, status: 'active' });
    await admin.chat.members.add.mutate({ projectId: project.id, employeeId: ben.employee.id });

    const open = async (email: string) => {
      const errors: string[] = [];
      const dialogs: string[] = [];
      const prepare = (page: Page) => {
        page.on('dialog', async (d) => {
          dialogs.push(d.message());
          await d.dismiss();
        });
      };
      const { context, page } = await suite.open(email, { errors, prepare, at: `/projects/${project.id}` });
      await page.locator('[data-testid="tab-chat"]').click();
      await page.locator('[data-testid="chat-input"]').waitFor();
      return { context, page, errors, dialogs };
    };
    const a = await open(anna.employee.email);
    const b = await open(ben.employee.email);
    // Ben's chat is open and live before Anna writes.
    await expect.poll(() => b.page.locator('[data-testid="chat-message"]').count()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));

    await a.page.locator('[data-testid="chat-input"]').fill('Guten Morgen, Ben!');
    await a.page.locator('[data-testid="chat-send"]').click();
    const texts = () => b.page.locator('[data-testid="chat-message"][data-kind="user"] [data-testid="chat-text"]').allInnerTexts();
    await expect.poll(texts).toContain('Guten Morgen, Ben!');

    const xss = '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">';
    await a.page.locator('[data-testid="chat-input"]').fill(xss);
    await a.page.locator('[data-testid="chat-send"]').click();
    await expect.poll(texts).toContain(xss);
    // Shown literally, never run: no image element, no script effect, no dialog.
    for (const side of [a, b]) {
      const last = side.page.locator('[data-testid="chat-message"][data-kind="user"]').last();
      await expect.poll(() => last.locator('[data-testid="chat-text"]').innerText()).toBe(xss);
      expect(await last.locator('img, script').count()).toBe(0);
      expect(await side.page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
      expect(side.dialogs).toEqual([]);
      expect(side.errors).toEqual([]);
    }
    await a.context.close();
    await b.context.close();
  });
});
