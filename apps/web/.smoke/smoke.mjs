// TEMPORARY smoke test (to be deleted).
import { chromium } from 'playwright-core';
const BASE = 'http://127.0.0.1:3100';
const out = '/tmp/wm-smoke/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
const page = await ctx.newPage();
const problems = [];
page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
page.on('dialog', (d) => d.accept());
const shot = (name) => page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
const step = async (name, fn) => {
  try { await fn(); console.log('ok  ', name); } catch (e) { console.log('FAIL', name, e.message.split('\n')[0]); await shot(`fail-${name.replace(/\W+/g, '-')}`); }
};

await step('redirect to login', async () => {
  await page.goto(`${BASE}/crm/customers`);
  await page.waitForURL(/\/login\?next=/);
  await shot('login');
});
await step('wrong password', async () => {
  await page.fill('input[name=email]', 'admin@workmate.demo');
  await page.fill('input[name=password]', 'nope-nope');
  await page.click('button[type=submit]');
  await page.getByTestId('login-error').waitFor();
  console.log('     error text:', await page.getByTestId('login-error').textContent());
});
await step('login', async () => {
  await page.fill('input[name=password]', 'workmate-demo');
  await page.click('button[type=submit]');
  await page.waitForURL(`${BASE}/crm/customers`);
  await page.getByTestId('customer-row').first().waitFor();
  console.log('     range:', await page.getByTestId('page-range').textContent());
  await shot('customers');
});
await step('search', async () => {
  await page.getByTestId('customer-search').fill('gmbh');
  await page.waitForTimeout(900);
  console.log('     range:', await page.getByTestId('page-range').textContent());
  await page.getByTestId('customer-search').fill('');
  await page.getByTestId('sort-city').click();
  await page.waitForTimeout(500);
  console.log('     next disabled:', await page.getByTestId('page-next').isDisabled());
});
await step('create customer', async () => {
  await page.getByTestId('new-customer').click();
  await page.click('[data-testid=customer-dialog] button[type=submit]');
  await page.locator('.field-error').first().waitFor();
  await page.fill('[data-testid=customer-dialog] input[name=name]', 'Smoke Test GmbH');
  await page.fill('[data-testid=customer-dialog] input[name=email]', 'not-an-email');
  await page.click('[data-testid=customer-dialog] button[type=submit]');
  await page.locator('.field-error').first().waitFor();
  await page.fill('[data-testid=customer-dialog] input[name=email]', 'info@smoke.test');
  await page.fill('[data-testid=customer-dialog] input[name=city]', 'Köln');
  await page.click('[data-testid=customer-dialog] button[type=submit]');
  await page.waitForURL(/\/crm\/customers\/[0-9a-f-]{36}$/);
  await page.getByTestId('customer-name').waitFor();
  console.log('     header:', await page.getByTestId('customer-number').textContent(), await page.getByTestId('customer-name').textContent());
});
await step('add contact', async () => {
  await page.getByTestId('add-contact').click();
  await page.fill('[data-testid=contact-dialog] input[name=firstName]', 'Erika');
  await page.fill('[data-testid=contact-dialog] input[name=lastName]', 'Muster');
  await page.check('[data-testid=contact-dialog] input[name=isPrimary]');
  await page.click('[data-testid=contact-dialog] button[type=submit]');
  await page.getByTestId('primary-contact').waitFor();
});
await step('log activity', async () => {
  await page.fill('[data-testid=activity-form] input[name=subject]', 'Erstgespräch');
  await page.fill('[data-testid=activity-form] input[name=occurredAt]', '2026-03-29T14:30');
  await page.click('[data-testid=activity-form] button[type=submit]');
  await page.locator('[data-testid=timeline-entry][data-kind=activity]').first().waitFor();
  console.log('     timeline entries:', await page.getByTestId('timeline-entry').count());
});
await step('edit customer', async () => {
  await page.getByTestId('edit-customer').click();
  await page.fill('[data-testid=customer-dialog] input[name=city]', 'Bonn');
  await page.click('[data-testid=customer-dialog] button[type=submit]');
  await page.getByTestId('customer-dialog').waitFor({ state: 'detached' });
  await page.getByText('Bonn').first().waitFor();
  await page.waitForTimeout(500);
  await shot('customer-detail');
});
await step('conflict', async () => {
  // Save with a stale version through a second edit on an old snapshot.
  const res = await page.evaluate(async () => {
    const id = location.pathname.split('/').pop();
    const r = await fetch('/trpc/crm.customers.update', { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'web' }, body: JSON.stringify({ id, version: 1, city: 'X' }) });
    return r.json();
  });
  console.log('     conflict response:', JSON.stringify(res).slice(0, 300));
});
for (const path of ['/crm', '/crm/contacts', '/admin/employees', '/admin/departments', '/admin/roles', '/admin/settings', '/admin/audit', '/profile']) {
  await step(`page ${path}`, async () => {
    await page.goto(`${BASE}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    await shot(`page${path.replaceAll('/', '-')}`);
  });
}
await step('employee edit', async () => {
  await page.goto(`${BASE}/admin/employees`);
  await page.locator('[data-testid=employee-row] a').first().click();
  await page.getByTestId('employee-form').waitFor();
  await page.waitForTimeout(300);
  await shot('employee-edit');
  await page.fill('input[name=phone]', '+49 221 123456');
  await page.click('[data-testid=save-employee]');
  await page.waitForURL(`${BASE}/admin/employees`);
});
await step('settings save', async () => {
  await page.goto(`${BASE}/admin/settings`);
  await page.fill('input[name=city]', 'Köln');
  await page.click('[data-testid=save-settings]');
  await page.getByTestId('settings-saved').waitFor();
  await page.fill('input[name=iban]', 'nonsense');
  await page.click('[data-testid=save-settings]');
  await page.locator('.field-error').first().waitFor();
});
await step('token', async () => {
  await page.goto(`${BASE}/profile`);
  await page.getByTestId('token-name').fill('CI');
  await page.getByTestId('create-token').click();
  await page.getByTestId('token-secret').waitFor();
  console.log('     secret:', (await page.getByTestId('token-secret-value').textContent()).slice(0, 12) + '…');
  await shot('profile-token');
});
await step('english', async () => {
  await page.getByTestId('lang-en').click();
  await page.goto(`${BASE}/crm/customers`);
  await page.getByTestId('customer-row').first().waitFor();
  console.log('     range:', await page.getByTestId('page-range').textContent());
  await shot('customers-en');
});
await step('mobile', async () => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${BASE}/crm/customers`);
  await page.getByTestId('customer-row').first().waitFor();
  await shot('mobile-customers');
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('nav-contacts').click();
  await page.waitForURL(`${BASE}/crm/contacts`);
  await page.getByTestId('menu-toggle').click();
  await shot('mobile-nav');
});
await step('logout', async () => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`${BASE}/crm`);
  await page.getByTestId('logout').click();
  await page.waitForURL(`${BASE}/login`);
});
console.log('problems:', problems.length ? problems : 'none');
await browser.close();
