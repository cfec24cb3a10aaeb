import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { unique, userWithRole } from '../helpers/users.ts';

/**
 * The webhooks and automation pages (issue 18) in German: a subscription is refused for a private
 * address and created for a public one (its secret shown once), the delivery log shows a delivery,
 * and a rule is refused without actions, then saved and edited into version 2. Everything made
 * here is switched off: no worker of another file delivers or runs it.
 */
const suite = browserSuite();

describe('Webhooks and automation in the browser', () => {
  it('webhooks: refuses a private address in German, creates a subscription with its secret, shows the delivery log', async () => {
    const { employee } = await userWithRole(suite.app, 'Admin');
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors });
    await page.locator('[data-testid="nav-webhooks"]').first().click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Webhooks');

    const name = unique('ERP-Sync');
    await page.locator('[data-testid="webhook-name"]').fill(name);
    await page.locator('[data-testid="webhook-url"]').fill('http://192.168.0.10/hook');
    // No event type chosen: the form says so before asking the API.
    await page.locator('[data-testid="webhook-create"]').click();
    await expect.poll(() => page.locator('[data-testid="webhook-event-types-error"]').innerText()).toBe('bitte mindestens einen Ereignistyp wählen');
    await page.locator('[data-testid="webhook-type-customer.created"]').check();
    await page.locator('[data-testid="webhook-active"]').uncheck();
    await page.locator('[data-testid="webhook-create"]').click();
    await expect.poll(async () => (await page.locator('[data-testid="webhook-new"]').innerText()).includes('Die Adresse 192.168.0.10 ist privat oder lokal')).toBe(true);

    await page.locator('[data-testid="webhook-url"]').fill('https://93.184.216.34/hook');
    await page.locator('[data-testid="webhook-create"]').click();
    await expect.poll(() => page.locator('[data-testid="webhooks-notice"]').innerText()).toMatch(/^Signaturschlüssel \(wird nur jetzt angezeigt\): whsec_/);
    const row = page.locator('[data-testid="webhook-row"]', { hasText: name });
    await expect.poll(() => row.locator('[data-testid="webhook-status"]').innerText()).toBe('Deaktiviert');

    // A delivery of this subscription in the log (as the worker writes it).
    const id = await row.getAttribute('data-id');
    const sql = (q: string, p: unknown[]) => suite.app.orm.em.fork().getConnection().execute(q, p);
    const deliveryId = crypto.randomUUID();
    await sql(
      `insert into webhook_deliveries (id, subscription_id, event_id, event_type, payload, status, attempts, response_code, duration_ms, last_attempt_at, delivered_at) values (?, ?, ?, 'customer.created', '{}', 'succeeded', 2, 200, 41, now(), now())`,
      [deliveryId, id, `e2e-${deliveryId}`],
    );
    await page.reload();
    const delivery = page.locator(`[data-testid="delivery-row"][data-id="${deliveryId}"]`);
    await expect.poll(() => delivery.locator('[data-testid="delivery-status"]').innerText()).toBe('Zugestellt');
    expect(await delivery.locator('[data-testid="delivery-attempts"]').innerText()).toBe('2');
    expect(await delivery.locator('[data-testid="delivery-code"]').innerText()).toBe('200');
    // Sending it again needs an active subscription: the refusal is in German.
    await delivery.locator('[data-testid="delivery-redeliver"]').click();
    await expect.poll(() => page.locator('[data-testid="webhooks-error"]').innerText()).toContain('Dieses Webhook-Abonnement ist deaktiviert');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('automation: a rule without actions is refused in German; saved, then edited into version 2', async () => {
    const { employee } = await userWithRole(suite.app, 'Admin');
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors });
    await page.locator('[data-testid="nav-automation"]').first().click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Automatisierung');
    await page.locator('[data-testid="rule-new"]').click();
    const name = unique('Willkommen');
    await page.locator('[data-testid="rule-name"]').fill(name);
    await page.locator('[data-testid="rule-active"]').uncheck();
    await page.locator('[data-testid="rule-trigger-type"]').selectOption('recordCreated');
    await page.locator('[data-testid="rule-entity"]').selectOption('customer');
    await page.locator('[data-testid="rule-actions"]').fill('[]');
    await page.locator('[data-testid="rule-save"]').click();
    await expect.poll(async () => (await page.locator('[data-testid="rule-editor"]').innerText()).includes('bitte mindestens eine Aktion hinzufügen')).toBe(true);

    await page.locator('[data-testid="rule-actions"]').fill('[{"type":"createActivity","subject":"Willkommen {{record.name}}"}]');
    await page.locator('[data-testid="rule-save"]').click();
    const row = page.locator('[data-testid="rule-row"]', { hasText: name });
    await expect.poll(() => row.locator('[data-testid="rule-version"]').innerText()).toBe('1');
    expect(await row.locator('[data-testid="rule-trigger"]').innerText()).toContain('Datensatz angelegt');

    await row.locator('[data-testid="rule-edit"]').click();
    await page.locator('[data-testid="rule-actions"]').fill('[{"type":"createActivity","activityType":"call","subject":"Anrufen: {{record.name}}"}]');
    await page.locator('[data-testid="rule-save"]').click();
    await expect.poll(() => row.locator('[data-testid="rule-version"]').innerText()).toBe('2');
    expect(await page.locator('[data-testid="automation-runs"]').innerText()).toContain('Ausführungsprotokoll');
    expect(errors).toEqual([]);
    await context.close();
  });
});
