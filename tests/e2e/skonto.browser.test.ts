import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP } from '../helpers/browser.ts';
import { draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** Skonto in the web app: terms typed on the invoice form, the reduced amount taken into the payment form, the discount shown per VAT rate. */
const suite = browserSuite();

describe('Skonto in the browser', () => {
  it('sets 2 % in 14 days on a draft, pays the reduced amount and shows the discount with its VAT per rate', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    await prepareInvoicing(admin);
    const { employee: accountant, client } = await userWithRole(suite.app, 'Accountant');
    const customer = await invoiceCustomer(admin, { name: unique('Skonto-Kunde') });
    // 10 × 95.00 at 19 % and 2 × 49.90 at 7 %: gross 1,237.29; 2 % = 24.75, reduced 1,212.54.
    const draft = await draftInvoice(client, customer.id);

    const errors: string[] = [];
    const { context, page } = await suite.open(accountant.email, { context: DESKTOP, errors });
    await page.goto(`${suite.app.url}/invoices/${draft.id}/edit`);
    // A bad percentage is refused next to its field, in German.
    await page.locator('[data-testid="invoice-skonto-percent"]').fill('2,345');
    await page.locator('[data-testid="invoice-skonto-days"]').fill('14');
    await page.locator('[data-testid="invoice-save"]').click();
    await expect.poll(() => page.getByText('höchstens zwei Nachkommastellen').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="invoice-skonto-percent"]').fill('2');
    await page.locator('[data-testid="invoice-save"]').click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    await expect.poll(async () => (await client.invoices.get.query({ id: draft.id })).skontoPercent).toBe('2.00');

    await client.invoices.finalize.mutate({ id: draft.id });
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="invoice-skonto"]').innerText()).toContain('2 % Skonto bei Zahlung innerhalb von 14 Tagen');
    await page.locator('[data-testid="payment-skonto-use"]').click();
    expect(await page.locator('[data-testid="payment-amount"]').inputValue()).toBe('1212,54');
    await page.locator('[data-testid="payment-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="invoice-status"]').getAttribute('data-status')).toBe('paid');
    const note = page.locator('[data-testid="payment-skonto"]');
    await expect.poll(() => note.innerText()).toContain('Skonto gewährt: 24,75 €');
    expect(await note.innerText()).toContain('davon 19 %: netto 19,00 €, USt. 3,61 €');
    expect(await note.innerText()).toContain('davon 7 %: netto 2,00 €, USt. 0,14 €');
    expect(errors).toEqual([]);
    await context.close();
  });
});
