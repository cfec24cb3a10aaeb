import { describe, expect, it } from 'vitest';
import { runRecurringInvoices } from '@workmate/db/recurring/run';
import { runAs } from '@workmate/db/shared/actor';
import { browserSuite } from '../helpers/browser.ts';
import { invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * A recurring invoice set up in the web app (German): refused input shown at its fields, the
 * template saved, the worker's run billing its missed quarters, the invoices listed on the
 * template's page and opened from there, and pausing it.
 */
const suite = browserSuite();

describe('recurring invoices in the browser', () => {
  it('sets up a quarterly invoice, shows the invoices the run made, and pauses it', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee: accountant, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Dauerkunde GmbH') });
    const name = unique('Wartungsvertrag');
    const errors: string[] = [];
    const { context, page } = await suite.open(accountant.email, { errors, at: '/invoices/list' });

    await page.locator('[data-testid="nav-recurring"]').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Wiederkehrende Rechnungen');
    await page.locator('[data-testid="new-recurring"]').click();

    // Saving without a name, customer or priced line: the form's own check names the fields, in German.
    await page.locator('[data-testid="recurring-save"]').click();
    await expect.poll(() => page.locator('.field-invalid').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator('[data-testid="recurring-form"]').innerText()).toContain('ist erforderlich');

    await page.locator('[data-testid="recurring-name"]').fill(name);
    await page.locator('[data-testid="customerId-search"]').fill(customer.name);
    await expect.poll(() => page.locator(`select[name="customerId"] option[value="${customer.id}"]`).count()).toBe(1);
    await page.locator('select[name="customerId"]').selectOption(customer.id);
    await page.locator('[data-testid="recurring-interval"]').selectOption('quarterly');
    await page.locator('[data-testid="recurring-start"]').fill('2090-01-31');
    await page.locator('[data-testid="recurring-end"]').fill('2090-01-01');
    await page.locator('[data-testid="line-description"]').fill('Wartung der Heizungsanlage');
    await page.locator('[data-testid="line-quantity"]').fill('1');
    await page.locator('[data-testid="line-unit-price"]').fill('480,00');
    await page.locator('[data-testid="recurring-auto-finalize"]').check();
    // An end before the start: refused at the end date field.
    await page.locator('[data-testid="recurring-save"]').click();
    await expect.poll(() => page.locator('[data-testid="recurring-form"]').innerText()).toContain('darf nicht vor dem Startdatum liegen');
    await page.locator('[data-testid="recurring-end"]').fill('');
    await page.locator('[data-testid="recurring-save"]').click();

    await page.waitForURL(/\/invoices\/recurring\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('[data-testid="recurring-next-date"]').innerText()).toContain('31.01.2090');
    await expect.poll(() => page.locator('[data-testid="recurring-periods"]').innerText()).toContain('Noch keine Rechnungen erzeugt.');

    // The worker's run on 15 May 2090: the quarters starting 31 January and 30 April (month end kept).
    const templateId = new URL(page.url()).pathname.split('/').pop() as string;
    const result = await runAs({ id: null, label: 'worker' }, () => runRecurringInvoices(suite.app.orm.em.fork(), { today: '2090-05-15', smtpConfigured: false, templateIds: [templateId] }));
    expect(result.failed).toEqual([]);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="recurring-period-row"]').count()).toBe(2);
    const periods = await page.locator('[data-testid="recurring-period-table"]').innerText();
    expect(periods).toContain('30.04.2090 – 30.07.2090');
    expect(periods).toContain('31.01.2090 – 29.04.2090');
    expect(periods).toContain('571,20');
    await expect.poll(() => page.locator('[data-testid="recurring-next-date"]').innerText()).toContain('31.07.2090');

    const [newest] = (await client.invoices.recurring.list.query({ search: name })).items;
    const billed = await client.invoices.recurring.invoices.query({ id: newest?.id as string });
    const first = billed.items[0]?.invoice;
    await page.locator('[data-testid="recurring-period-invoice"]').first().click();
    await page.waitForURL(`**/invoices/${first?.id}`);
    await expect.poll(() => page.locator('h1').innerText()).toContain(first?.number as string);
    await page.goBack();

    await page.locator('[data-testid="recurring-pause"]').click();
    await expect.poll(() => page.locator('[data-testid="recurring-state"]').first().innerText()).toContain('Pausiert');
    expect((await client.invoices.recurring.get.query({ id: newest?.id as string })).active).toBe(false);
    await page.locator('[data-testid="nav-recurring"]').click();
    // Other files' templates share the database: find this one by its name.
    await page.locator('[data-testid="recurring-search"]').fill(name);
    await expect.poll(() => page.locator('[data-testid="recurring-row"]').count()).toBe(1);
    const row = await page.locator(`[data-testid="recurring-row"][data-id="${newest?.id}"]`).innerText();
    expect(row).toContain('Vierteljährlich');
    expect(row).toContain('Pausiert');
    expect(errors).toEqual([]);
    await context.close();
  });
});
