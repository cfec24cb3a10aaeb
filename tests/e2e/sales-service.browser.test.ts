import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** The sales pipeline board (drag and drop, keyboard, quote), the forecast, and a ticket with its SLA badges, in German. */
const suite = browserSuite();

describe('sales and service in the browser', () => {
  it('drags a card to another stage, moves one by its stage select, makes a quote of a won one, and shows the forecast', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { client: manager, employee } = await userWithRole(suite.app, 'Manager');
    const customer = await manager.crm.customers.create.mutate({ name: unique('Pipeline GmbH') });
    // Closing long ago, so the cards sort first on a board that other test files fill too.
    const o = await manager.sales.opportunities.create.mutate({ customerId: customer.id, title: unique('Netzwerk'), amount: '1000.00', expectedCloseDate: '2001-01-15' });

    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/sales' });
    const card = page.locator(`[data-testid="opportunity-card"][data-id="${o.id}"]`);
    await expect.poll(() => page.locator('[data-testid="stage-lead"]').locator(`[data-id="${o.id}"]`).count()).toBe(1);
    expect(await card.innerText()).toContain('1.000,00 €');

    // Drag and drop (HTML5) into "Qualifiziert", once the card is draggable (the signed-in user's
    // permissions may arrive after the board). The columns stand side by side on a desktop screen;
    // the drop goes near the column's head, in view however many cards other tests put on the board.
    await expect.poll(() => card.getAttribute('draggable')).toBe('true');
    const qualified = page.locator('[data-testid="stage-qualified"]');
    const [lead, target] = [await page.locator('[data-testid="stage-lead"]').boundingBox(), await qualified.boundingBox()];
    expect(target!.x).toBeGreaterThan(lead!.x + lead!.width - 1);
    expect(target!.y).toBe(lead!.y);
    await card.dragTo(qualified, { targetPosition: { x: 24, y: 24 } });
    await expect.poll(() => qualified.locator(`[data-id="${o.id}"]`).count()).toBe(1);
    await expect.poll(async () => (await manager.sales.opportunities.get.query({ id: o.id })).stage).toBe('qualified');
    expect((await manager.sales.opportunities.get.query({ id: o.id })).probability).toBe(25);
    await expect.poll(() => page.locator('[data-testid="opportunity-moved"]').innerText()).toContain('Qualifiziert');

    // From the keyboard: the stage select on the card.
    await card.locator('[data-testid="opportunity-stage-select"]').focus();
    await card.locator('[data-testid="opportunity-stage-select"]').selectOption('won');
    await expect.poll(() => page.locator('[data-testid="stage-won"]').locator(`[data-id="${o.id}"]`).count()).toBe(1);
    await page.locator(`[data-testid="stage-won"] [data-id="${o.id}"] [data-testid="opportunity-create-quote"]`).click();
    await expect.poll(() => page.url()).toMatch(/\/invoices\/[0-9a-f-]{36}$/);
    const quoteId = (await manager.sales.opportunities.get.query({ id: o.id })).quoteId;
    expect(page.url()).toContain(`/invoices/${quoteId}`);

    await page.goto(`${suite.app.url}/sales/forecast`);
    await page.locator('[data-testid="forecast-from"]').fill('2001-01');
    await page.locator('[data-testid="forecast-to"]').fill('2001-01');
    await expect.poll(() => page.locator('[data-testid="forecast-row"]').count()).toBe(1);
    expect(await page.locator('[data-testid="forecast-table"]').innerText()).toContain('Januar 2001');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists a ticket with its SLA due badges; a reply to the customer on its page meets the first response', async () => {
    const { client: agent, employee } = await userWithRole(suite.app, 'Employee');
    const customer = await agent.crm.customers.create.mutate({ name: unique('Ticket GmbH') });
    const ticket = await agent.service.tickets.create.mutate({ customerId: customer.id, subject: unique('Drucker streikt'), priority: 'urgent' });

    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/service' });
    const row = page.locator('[data-testid="ticket-row"]', { hasText: ticket.number });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('[data-testid="sla-first-response"]').innerText()).toMatch(/^fällig /);
    expect(await row.innerText()).toContain('Dringend');

    await row.getByRole('link', { name: ticket.number }).click();
    await expect.poll(() => page.locator('[data-testid="ticket-status"]').innerText()).toBe('Neu');
    await page.locator('[data-testid="reply-body"]').fill('Wir sind dran.');
    await page.locator('[data-testid="reply-send"]').click();
    await expect.poll(() => page.locator('[data-testid="ticket-reply"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="sla-first-response"]').innerText()).toContain('erfüllt');
    expect(await page.locator('[data-testid="ticket-status"]').innerText()).toBe('Offen');

    await page.locator('[data-testid="ticket-status-select"]').selectOption('waiting_customer');
    await expect.poll(() => page.locator('[data-testid="sla-resolution"]').innerText()).toContain('pausiert');
    expect(errors).toEqual([]);
    await context.close();
  });
});
