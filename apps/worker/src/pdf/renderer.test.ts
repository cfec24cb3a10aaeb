import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfRenderer } from './renderer.ts';

/** The Chromium processes this test process started (its direct children). */
function chromiumChildren(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'chromium'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const html = '<!doctype html><html><body><h1>Rechnung</h1><p>Betrag 1.234,56 €</p></body></html>';
const renderer = new PdfRenderer({ poolSize: 2 });
afterAll(() => renderer.close());

describe('the PDF renderer', () => {
  it('keeps one warm Chromium, renders concurrently on its page pool, and restarts Chromium after a crash', async () => {
    await renderer.warmUp();
    const browsers = chromiumChildren();
    expect(browsers).toHaveLength(1);
    const pdfs = await Promise.all(Array.from({ length: 6 }, () => renderer.render(html, { language: 'de' })));
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Still the same single browser after six renders.
    expect(chromiumChildren()).toEqual(browsers);

    for (const pid of browsers) process.kill(pid, 'SIGKILL');
    const after = await renderer.render(html, { language: 'de' });
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
    const relaunched = chromiumChildren();
    expect(relaunched).toHaveLength(1);
    expect(relaunched).not.toEqual(browsers);
  });
});
