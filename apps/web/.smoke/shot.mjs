import { chromium } from 'playwright-core';
const BASE = 'http://127.0.0.1:3100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(`${BASE}/login`);
await page.fill('input[name=email]', 'admin@workmate.demo');
await page.fill('input[name=password]', 'workmate-demo');
await page.click('button[type=submit]');
await page.waitForURL(`${BASE}/crm`);
for (const path of process.argv.slice(2)) {
  await page.goto(`${BASE}${path}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/wm-smoke/shots/v${path.replaceAll('/', '-')}.png` });
}
await browser.close();
