import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { browserSuite } from '../helpers/browser.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/** Marketing campaigns in the browser, in German: a campaign from a filter, consent on the contact, a mailing composed and sent with its statistics. */
const suite = browserSuite();

describe('campaigns in the browser', () => {
  it('creates a campaign, adds members from a filter, asks a contact for consent, and sends a mailing that skips addresses without consent', async () => {
    const { client: manager, employee } = await userWithRole(suite.app, 'Manager');
    const city = unique('Werbestadt');
    const customer = await manager.crm.customers.create.mutate({ name: unique('Kampagnenkunde GmbH'), city });
    const tag = randomUUID().slice(0, 8);
    await manager.crm.contacts.create.mutate({ customerId: customer.id, firstName: 'Greta', lastName: 'Grün', email: `greta-${tag}@example.test` });
    await manager.crm.contacts.create.mutate({ customerId: customer.id, firstName: 'Hans', lastName: 'Hell', email: `hans-${tag}@example.test` });

    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/campaigns' });
    await page.locator('[data-testid="nav-campaigns"]').first().waitFor();
    await page.locator('[data-testid="new-campaign"]').click();
    const name = unique('Herbstaktion');
    await page.locator('[data-testid="campaign-name"]').fill(name);
    await page.locator('[data-testid="campaign-save"]').click();
    await expect.poll(() => page.url()).toMatch(/\/campaigns\/[0-9a-f-]{36}$/);
    const campaignId = page.url().split('/').pop() ?? '';

    await page.locator('[data-testid="filter-city"]').fill(city);
    await page.locator('[data-testid="filter-save"]').click();
    await expect.poll(async () => (await manager.campaigns.get.query({ id: campaignId })).filter.city).toBe(city);
    await page.locator('[data-testid="add-from-filter"]').click();
    await expect.poll(() => page.locator('[data-testid="added-from-filter"]').innerText()).toContain('2 neue Mitglieder');
    await expect.poll(() => page.locator('[data-testid="member-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="members-table"]').innerText()).toContain('nicht angefragt');
    // Again: nobody twice.
    await page.locator('[data-testid="add-from-filter"]').click();
    await expect.poll(() => page.locator('[data-testid="added-from-filter"]').innerText()).toContain('0 neue Mitglieder hinzugefügt (2 insgesamt)');

    // Consent on the customer's contact list: ask Greta.
    await page.goto(`${suite.app.url}/crm/customers/${customer.id}`);
    const greta = page.locator('[data-testid="contact-row"]', { hasText: 'Greta' });
    await greta.locator('[data-testid="request-consent"]').click();
    await expect.poll(() => greta.locator('[data-testid="consent-status"]').innerText()).toBe('angefragt');

    // A mailing: a placeholder that does not exist is refused at its field; then saved and sent.
    await page.goto(`${suite.app.url}/campaigns/${campaignId}`);
    await page.locator('[data-testid="new-mailing"]').click();
    await expect.poll(() => page.url()).toMatch(/\/campaigns\/mailings\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="mailing-subject"]').fill('Neuigkeiten für {{customerName}}');
    await page.locator('[data-testid="mailing-body"]').fill('Hallo {{vorname}}');
    await page.locator('[data-testid="mailing-save"]').click();
    await expect.poll(() => page.locator('[data-testid="mailing-form"] .field-error').innerText()).toContain('Platzhalter');
    await page.locator('[data-testid="mailing-body"]').fill('Hallo {{firstName}},\nunser Herbstangebot.');
    await page.locator('[data-testid="mailing-save"]').click();
    const mailingId = page.url().split('/').pop() ?? '';
    await expect.poll(async () => (await manager.campaigns.mailings.get.query({ id: mailingId })).body).toContain('Herbstangebot');

    await page.locator('[data-testid="send-mailing"]').click();
    expect(await page.locator('[data-testid="confirm-dialog"]').innerText()).toContain('2 Mitglieder');
    await page.locator('[data-testid="confirm-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="mailing-status"]').innerText()).toContain('Versendet');
    // Nobody has confirmed: both are recorded as skipped, nothing is sent.
    expect(await page.locator('[data-testid="stat-recipients-value"]').innerText()).toBe('2');
    expect(await page.locator('[data-testid="stat-sent-value"]').innerText()).toBe('0');
    expect(await page.locator('[data-testid="stat-skipped-value"]').innerText()).toBe('2');
    await expect.poll(() => page.locator('[data-testid="recipient-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="mailing-recipients"]').innerText()).toContain('Ohne Einwilligung');
    expect(await page.locator('[data-testid="send-mailing"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the public unsubscribe and opt-in pages answer without signing in and refuse a bad link', async () => {
    const { context, page } = await suite.open(null, { at: '/u/nicht-gueltig' });
    expect(await page.locator('h1').innerText()).toBe('Ungültiger Link');
    const answer = await page.goto(`${suite.app.url}/c/${'A'.repeat(43)}`);
    expect(answer?.status()).toBe(200);
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Ungültiger Link');
    await context.close();
  });
});
