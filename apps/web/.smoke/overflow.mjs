import { chromium } from 'playwright-core';
const BASE = 'http://127.0.0.1:3100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 800 } });
const page = await ctx.newPage();
await page.goto(`${BASE}/login`);
await page.fill('input[name=email]', 'admin@workmate.demo');
await page.fill('input[name=password]', 'workmate-demo');
await page.click('button[type=submit]');
await page.waitForURL(`${BASE}/crm`);
for (const path of process.argv.slice(2)) {
  await page.goto(`${BASE}${path}`);
  await page.waitForLoadState('networkidle');
  const wide = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && !el.closest('.table-wrap')) out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}-${Math.round(r.right)}`);
    }
    return { doc: document.documentElement.scrollWidth, out: out.slice(0, 10) };
  });
  console.log(path, JSON.stringify(wide));
}
await browser.close();
