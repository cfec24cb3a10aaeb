// How many invoice PDFs per second the warm pool prints, next to a bare single Chromium page:
//   node --import tsx apps/worker/src/pdf/throughput.ts [count=60] [poolSize=2]
import { chromium } from 'playwright-core';
import { pageFooterTemplate } from './page-footer.ts';
import { PdfRenderer } from './renderer.ts';
import { sampleInvoiceModel } from './sample-model.ts';
import { renderInvoiceHtml } from './template.ts';

const count = Number(process.argv[2] ?? 60);
const poolSize = Number(process.argv[3] ?? 2);
const html = renderInvoiceHtml({ ...sampleInvoiceModel('de'), draft: false });

function rate(started: number): string {
  const seconds = (performance.now() - started) / 1000;
  return `${(count / seconds).toFixed(1)} PDFs/s (${count} in ${seconds.toFixed(2)} s)`;
}

const renderer = new PdfRenderer({ poolSize });
try {
  await renderer.warmUp();
  await Promise.all(Array.from({ length: poolSize }, () => renderer.render(html)));
  // The pool queues what it cannot print at once, so this runs at concurrency = pool size.
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, () => renderer.render(html)));
  console.log(`pool of ${poolSize}: ${rate(started)}`);
} finally {
  await renderer.close();
}

// The baseline: same HTML and PDF options, one page, one after another.
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
try {
  const page = await browser.newPage();
  const print = async () => {
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: pageFooterTemplate('de'), margin: { top: '15mm', right: '0mm', bottom: '12mm', left: '0mm' } });
  };
  await print();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await print();
  console.log(`bare page, sequential: ${rate(started)}`);
} finally {
  await browser.close();
}
