import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * The invoice, expense and time-entry lists share one sortable table (ui/sortable-table.tsx):
 * a column header sorts by mouse and keyboard and says so with aria-sort, the invoice list has a
 * select-all column, the expense list a sums row.
 */
const suite = browserSuite();

const ariaSort = (page: Page, column: string) => page.locator(`th:has([data-testid="sort-${column}"])`).getAttribute('aria-sort');
const rowIds = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

describe('list tables', () => {
  it('invoices: a header sorts (click and Enter, aria-sort), and select-all picks every row and none again', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Tabellenkunde') });
    const line = (unitPrice: string) => [{ description: 'Leistung', quantity: '1', unit: 'Stk.', unitPrice, taxRate: 19 as const }];
    const dear = await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines: line('300.00') });
    const cheap = await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines: line('100.00') });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/invoices/list' });
    await page.locator('[data-testid="invoice-search"]').fill(customer.name);
    await expect.poll(() => page.locator('[data-testid="invoice-row"]').count()).toBe(2);

    await page.locator('[data-testid="sort-grossTotal"]').click();
    await expect.poll(() => ariaSort(page, 'grossTotal')).toBe('ascending');
    expect(await ariaSort(page, 'number')).toBe('none');
    await expect.poll(() => rowIds(page, 'invoice-row')).toEqual([cheap.id, dear.id]);
    // The header is a button: Enter flips the direction too.
    await page.locator('[data-testid="sort-grossTotal"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => ariaSort(page, 'grossTotal')).toBe('descending');
    await expect.poll(() => rowIds(page, 'invoice-row')).toEqual([dear.id, cheap.id]);

    const boxes = page.locator('[data-testid="invoice-select"]');
    expect(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([false, false]);
    await page.locator('[data-testid="invoice-select-all"]').check();
    await expect.poll(() => boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([true, true]);
    await page.locator('[data-testid="invoice-select-all"]').uncheck();
    await expect.poll(() => boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([false, false]);
    // One box picks one row; select-all is ticked only when all are.
    await boxes.first().check();
    expect(await page.locator('[data-testid="invoice-select-all"]').isChecked()).toBe(false);
    await boxes.last().check();
    await expect.poll(() => page.locator('[data-testid="invoice-select-all"]').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('expenses: the sums row adds up every matching expense under the amount columns, and the net column sorts', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const small = await client.finance.expenses.create.mutate({ category: 'material', title: unique('Kleinkram'), netAmount: '10.00', expenseDate: '2026-03-02' });
    const big = await client.finance.expenses.create.mutate({ category: 'material', title: unique('Werkzeug'), netAmount: '32.50', expenseDate: '2026-03-01' });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/finance/expenses' });
    await expect.poll(() => page.locator('[data-testid="expense-row"]').count()).toBe(2);

    const sums = page.locator('[data-testid="expense-table"] tfoot [data-testid="expense-sums"]');
    expect(await sums.getAttribute('data-net')).toBe('42.50');
    // Its label spans the columns before the amounts (date and title: an Employee sees no
    // employee column; the project column is there), so the sums stand under net, VAT and gross.
    expect(await sums.locator('th').getAttribute('colspan')).toBe('3');
    expect(await sums.locator('td').count()).toBe(4);
    expect(await page.locator('[data-testid="expense-table"] thead th').count()).toBe(3 + 4);

    await page.locator('[data-testid="sort-netAmount"]').click();
    await expect.poll(() => ariaSort(page, 'netAmount')).toBe('ascending');
    await expect.poll(() => rowIds(page, 'expense-row')).toEqual([small.id, big.id]);
    await page.locator('[data-testid="sort-netAmount"]').click();
    await expect.poll(() => ariaSort(page, 'netAmount')).toBe('descending');
    await expect.poll(() => rowIds(page, 'expense-row')).toEqual([big.id, small.id]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('time entries: the compact table sorts by duration and by date', async () => {
    const { employee, client } = await userWithRole(suite.app, 'Employee');
    const long = await client.timeTracking.entries.create.mutate({ startTime: '2026-03-02T08:00:00Z', endTime: '2026-03-02T10:30:00Z' });
    const short = await client.timeTracking.entries.create.mutate({ startTime: '2026-03-03T08:00:00Z', endTime: '2026-03-03T09:00:00Z' });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/time' });
    await expect.poll(() => page.locator('[data-testid="entry-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="entry-table"]').getAttribute('class')).toBe('table table-compact entry-table');

    await page.locator('[data-testid="sort-durationMinutes"]').click();
    await expect.poll(() => ariaSort(page, 'durationMinutes')).toBe('ascending');
    expect(await ariaSort(page, 'startTime')).toBe('none');
    await expect.poll(() => rowIds(page, 'entry-row')).toEqual([short.id, long.id]);
    await page.locator('[data-testid="sort-startTime"]').click();
    await expect.poll(() => ariaSort(page, 'startTime')).toBe('ascending');
    await expect.poll(() => rowIds(page, 'entry-row')).toEqual([long.id, short.id]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
