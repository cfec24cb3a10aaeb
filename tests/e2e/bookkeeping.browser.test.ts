import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { berlinToday, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * The journal page (issue 16): an invoice's automatic entry with its lines, a manual entry that
 * can only be saved once it balances, its reversal, and the invoice among the open items.
 */
const suite = browserSuite();

describe('bookkeeping in the browser', () => {
  it('shows an invoice’s entry, posts a balanced manual entry and reverses it, and lists the open item', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin);
    const invoice = await finalizedInvoice(admin, customer.id);
    const accounts = Object.fromEntries((await client.bookkeeping.accounts.list.query({})).map((a) => [a.number, a.id]));
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/finance/bookkeeping' });

    // The invoice's automatic entry: found by its number, its lines shown, no reverse button.
    await page.locator('[data-testid="bk-journal-search"]').fill(invoice.number ?? '');
    await expect.poll(() => page.locator('[data-testid="bk-journal-row"]').count()).toBe(1);
    await page.locator('[data-testid="bk-journal-open"]').click();
    await expect.poll(() => page.locator('[data-testid="bk-entry-detail-line"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('8400'), expect.stringContaining('1776')]));
    expect(await page.locator('[data-testid="bk-reverse"]').count()).toBe(0);

    // A manual entry: unbalanced it cannot be saved, balanced it can.
    const text = unique('Barverkauf');
    await page.locator('[data-testid="bk-entry-date"]').fill(berlinToday());
    await page.locator('[data-testid="bk-entry-description"]').fill(text);
    await page.locator('[data-testid="bk-line-account-0"]').selectOption(accounts[1000]!);
    await page.locator('[data-testid="bk-line-debit-0"]').fill('119,00');
    await page.locator('[data-testid="bk-line-account-1"]').selectOption(accounts[8400]!);
    await page.locator('[data-testid="bk-line-credit-1"]').fill('100,00');
    await expect.poll(() => page.locator('[data-testid="bk-difference"]').innerText()).toContain('Differenz 19,00');
    expect(await page.locator('[data-testid="bk-entry-save"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="bk-line-credit-1"]').fill('119,00');
    await expect.poll(() => page.locator('[data-testid="bk-difference"]').getAttribute('data-balanced')).toBe('true');
    await page.locator('[data-testid="bk-entry-save"]').click();
    await page.locator('[data-testid="bk-journal-search"]').fill(text);
    await expect.poll(() => page.locator('[data-testid="bk-journal-row"]').count()).toBe(1);
    const year = Number(berlinToday().slice(0, 4));
    const posted = (await client.bookkeeping.journal.list.query({ year, search: text })).items;
    expect(posted.map((e) => e.lines.map((l) => [l.accountNumber, l.debit, l.credit]))).toEqual([
      [
        [1000, '119.00', '0.00'],
        [8400, '0.00', '119.00'],
      ],
    ]);

    // Reversed from the page: a mirror entry dated today.
    await expect.poll(() => page.locator('[data-testid="bk-entry-detail"]').count()).toBe(1);
    await page.locator('[data-testid="bk-reverse"]').click();
    await page.locator('[data-testid="confirm-ok"]').click();
    await page.locator('[data-testid="bk-journal-search"]').fill('Storno');
    await expect.poll(async () => (await client.bookkeeping.journal.get.query({ id: posted[0]!.id })).reversedById).not.toBeNull();

    // The invoice is an open item of its customer.
    const item = page.locator('[data-testid="bk-open-item"]', { hasText: invoice.number ?? '' });
    await expect.poll(() => item.getAttribute('data-open')).toBe(invoice.grossTotal);
    expect(errors).toEqual([]);
    await context.close();
  });
});
