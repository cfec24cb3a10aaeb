import { describe, expect, it } from 'vitest';
import { runDunning } from '@workmate/db/dunning/run';
import { addDays } from '@workmate/domain/berlin-time';
import { browserSuite } from '../helpers/browser.ts';
import { finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole } from '../helpers/users.ts';

/** The Mahnwesen page: a proposed notice is sent (numbered) or discarded, the invoice shows its notices, the levels refuse bad input in German. */
const suite = browserSuite();

async function proposal() {
  const { client: admin } = await userWithRole(suite.app, 'Admin');
  await prepareInvoicing(admin);
  const invoice = await finalizedInvoice(admin, (await invoiceCustomer(admin)).id, { paymentTermsDays: 14 });
  // Scoped to this invoice: other files' runs never touch it, and this run never touches theirs.
  await runDunning(suite.app.orm.em.fork(), addDays(invoice.dueDate as string, 25), 'worker', [invoice.id]);
  const [row] = await suite.app.orm.em.fork().getConnection().execute<Array<{ id: string }>>(`select id from dunning_notices where invoice_id = ? and status = 'proposed'`, [invoice.id]);
  if (!row) throw new Error('no proposal');
  return { invoice, noticeId: row.id };
}

describe('Mahnwesen in the browser', () => {
  it('sends one proposal and discards another; the invoice page lists its notice', async () => {
    const { employee } = await userWithRole(suite.app, 'Accountant');
    const first = await proposal();
    const second = await proposal();
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors });
    await page.locator('[data-testid="nav-dunning"]').first().click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Mahnwesen');

    const row = page.locator(`[data-testid="dunning-row"][data-id="${first.noticeId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain(first.invoice.number as string);
    expect(await row.locator('[data-testid="dunning-status"]').innerText()).toBe('Vorgeschlagen');
    expect(await row.locator('[data-testid="dunning-fees"]').innerText()).toBe('45,00 €');
    await row.locator('[data-testid="dunning-send"]').click();
    expect(await page.locator('[data-testid="confirm-dialog"]').innerText()).toContain(first.invoice.number as string);
    await page.locator('[data-testid="confirm-ok"]').click();
    // Sent notices leave the "proposed" view; the "all" view shows it with its number.
    await expect.poll(() => page.locator(`[data-testid="dunning-row"][data-id="${first.noticeId}"]`).count()).toBe(0);
    await page.locator('[data-testid="dunning-filter-status"]').selectOption('sent');
    const sent = page.locator(`[data-testid="dunning-row"][data-id="${first.noticeId}"]`);
    await expect.poll(() => sent.locator('[data-testid="dunning-status"]').innerText()).toBe('Versendet');
    expect(await sent.locator('[data-testid="dunning-number"]').innerText()).toMatch(/^MA-\d{4}-\d{4}$/);

    await page.locator('[data-testid="dunning-filter-status"]').selectOption('proposed');
    const other = page.locator(`[data-testid="dunning-row"][data-id="${second.noticeId}"]`);
    await expect.poll(() => other.count()).toBe(1);
    await other.locator('[data-testid="dunning-discard"]').click();
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => page.locator(`[data-testid="dunning-row"][data-id="${second.noticeId}"]`).count()).toBe(0);

    await page.goto(`${suite.app.url}/invoices/${first.invoice.id}`);
    const card = page.locator('[data-testid="invoice-dunning"]');
    await expect.poll(() => card.locator('[data-testid="dunning-status"]').innerText()).toBe('Versendet');
    expect(await card.innerText()).toContain('1. Mahnung');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the levels and base rates and refuses a negative fee in German; an Employee has no Mahnwesen', async () => {
    const { employee } = await userWithRole(suite.app, 'Accountant');
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/admin/dunning' });
    await expect.poll(() => page.locator('[data-testid^="dunning-level-"]').count()).toBe(3);
    expect(await page.locator('[data-testid="dunning-level-1"] h2, [data-testid="dunning-level-1"] h3').first().innerText()).toContain('Zahlungserinnerung');
    expect(await page.locator('[data-testid="base-rate-row"]').allInnerTexts()).toContain('01.01.2024\t3,62 %');
    const level = page.locator('[data-testid="dunning-level-2"]');
    await level.locator('[data-testid="level-fee"]').fill('-5');
    await level.locator('[data-testid="level-save"]').click();
    await expect.poll(() => level.locator('.field-error').first().innerText()).toContain('negativ');
    await context.close();

    const staff = await userWithRole(suite.app, 'Employee');
    const other = await suite.open(staff.employee.email, { at: '/' });
    await expect.poll(() => other.page.locator('[data-testid="nav-home"]').count()).toBeGreaterThan(0);
    expect(await other.page.locator('[data-testid="nav-dunning"]').count()).toBe(0);
    await other.context.close();
    expect(errors).toEqual([]);
  });
});
