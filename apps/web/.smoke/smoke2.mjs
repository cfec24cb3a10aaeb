import { chromium } from 'playwright-core';
const BASE = 'http://127.0.0.1:3100';
const out = '/tmp/wm-smoke/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const problems = [];
async function session(email) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => d.accept());
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'workmate-demo');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return { ctx, page };
}
const step = async (name, fn) => {
  try { await fn(); console.log('ok  ', name); } catch (e) { console.log('FAIL', name, e.message.split('\n')[0]); }
};
const navIds = (page) => page.$$eval('[data-testid=side-nav] a', (as) => as.map((a) => a.dataset.testid));

for (const email of ['mitarbeiter@workmate.demo', 'pruefer@workmate.demo', 'buchhaltung@workmate.demo', 'manager@workmate.demo']) {
  await step(`role ${email}`, async () => {
    const { ctx, page } = await session(email);
    console.log('     landed', new URL(page.url()).pathname, 'nav', (await navIds(page)).join(','));
    await page.goto(`${BASE}/crm/customers`);
    await page.waitForLoadState('networkidle');
    console.log('     new-customer:', await page.getByTestId('new-customer').count(), 'show-deleted:', await page.getByTestId('show-deleted').count());
    await page.locator('[data-testid=customer-row] a').first().click();
    await page.getByTestId('customer-name').waitFor();
    console.log('     edit:', await page.getByTestId('edit-customer').count(), 'delete:', await page.getByTestId('delete-customer').count(), 'add-contact:', await page.getByTestId('add-contact').count(), 'activity form:', await page.getByTestId('activity-form').count());
    await page.goto(`${BASE}/admin/settings`);
    await page.waitForLoadState('networkidle');
    console.log('     settings no-access:', await page.getByTestId('no-access').count());
    await ctx.close();
  });
}

await step('conflict UI', async () => {
  const a = await session('admin@workmate.demo');
  await a.page.goto(`${BASE}/crm/customers`);
  await a.page.locator('[data-testid=customer-row] a').first().click();
  await a.page.getByTestId('customer-name').waitFor();
  const url = a.page.url();
  await a.page.getByTestId('edit-customer').click();
  // someone else saves meanwhile
  const b = await session('manager@workmate.demo');
  await b.page.goto(url);
  await b.page.getByTestId('edit-customer').click();
  await b.page.fill('[data-testid=customer-dialog] input[name=phone]', '+49 1');
  await b.page.click('[data-testid=customer-dialog] button[type=submit]');
  await b.page.getByTestId('customer-dialog').waitFor({ state: 'detached' });
  await a.page.fill('[data-testid=customer-dialog] input[name=phone]', '+49 2');
  await a.page.click('[data-testid=customer-dialog] button[type=submit]');
  await a.page.locator('[data-testid=customer-dialog] [data-testid=error]').waitFor();
  console.log('     message:', await a.page.locator('[data-testid=customer-dialog] [data-testid=error]').textContent());
  await a.page.screenshot({ path: `${out}/conflict.png` });
  // expired session: drop cookies, then act
  await a.ctx.clearCookies();
  await a.page.keyboard.press('Escape');
  await a.page.goto(`${BASE}/crm/contacts`);
  await a.page.waitForURL(/\/login/);
  console.log('     after cookie loss:', new URL(a.page.url()).pathname + new URL(a.page.url()).search);
  await a.ctx.close();
  await b.ctx.close();
});

await step('session expiry mid-app (query 401)', async () => {
  const a = await session('admin@workmate.demo');
  await a.page.goto(`${BASE}/crm/customers`);
  await a.page.getByTestId('customer-row').first().waitFor();
  await a.ctx.clearCookies();
  await a.page.getByTestId('customer-search').fill('zzz');
  await a.page.waitForURL(/\/login/, { timeout: 5000 });
  console.log('     ->', new URL(a.page.url()).pathname + new URL(a.page.url()).search);
  await a.ctx.close();
});

await step('rate limit', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=email]', 'mitarbeiter@workmate.demo');
  let msg = '';
  for (let i = 0; i < 7; i++) {
    await page.fill('input[name=password]', `wrong-${i}`);
    await page.click('button[type=submit]');
    await page.waitForTimeout(400);
    msg = await page.getByTestId('login-error').textContent();
  }
  console.log('     last message:', msg);
  await ctx.close();
});
console.log('problems:', problems.length ? problems : 'none');
await browser.close();
