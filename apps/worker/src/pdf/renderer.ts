// HTML → PDF with one warm Chromium and a few reused pages: launching Chromium costs far more
// than printing a page, so the worker keeps it running and only prints. A crashed or
// disconnected browser is replaced on the next render, and the render it broke is retried once.
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { Language } from './format.ts';
import { pageFooterTemplate } from './page-footer.ts';

export const LAUNCH_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'];
// The invoice template is laid out for these margins (see templates/invoice.hbs): the side
// margins are the body's padding, the bottom margin holds the page number.
export const MARGIN = { top: '15mm', right: '0mm', bottom: '12mm', left: '0mm' };
const PAGE_TIMEOUT_MS = 30_000;
const CRASH_GRACE_MS = 500;

export interface PdfRendererOptions {
  /** Pages printing at the same time; more renders wait for a free page. */
  poolSize?: number;
  executablePath?: string;
}

export interface RenderOptions {
  /** Language of the "Page X of Y" footer; ignored when footerTemplate is given. */
  language?: Language;
  /** Chromium footer template (inline styles only; pageNumber/totalPages spans). */
  footerTemplate?: string;
}

/** The browser or page went away under a render: worth one retry on a fresh one. */
class BrowserGoneError extends Error {}

export class PdfRenderer {
  private readonly poolSize: number;
  private readonly executablePath: string;
  private launching: Promise<Browser> | null = null;
  private idle: Page[] = [];
  private readonly crashed = new WeakSet<Page>();
  private readonly waiting: Array<() => void> = [];
  private busy = 0;
  private closed = false;

  constructor(options: PdfRendererOptions = {}) {
    this.poolSize = Math.max(1, options.poolSize ?? 2);
    this.executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  }

  /** Launches Chromium and opens the whole pool now, so the first job does not pay for it. */
  async warmUp(): Promise<void> {
    const browser = await this.connectedBrowser();
    const missing = this.poolSize - this.busy - this.idle.length;
    const pages = await Promise.all(Array.from({ length: Math.max(0, missing) }, () => this.openPage(browser)));
    this.idle.push(...pages);
  }

  async render(html: string, options: RenderOptions = {}): Promise<Buffer> {
    if (this.closed) throw new Error('The PDF renderer is closed');
    await this.acquireSlot();
    try {
      try {
        return await this.renderOnce(html, options);
      } catch (error) {
        if (!(error instanceof BrowserGoneError)) throw error;
        return await this.renderOnce(html, options);
      }
    } finally {
      this.releaseSlot();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const launching = this.launching;
    this.launching = null;
    this.idle = [];
    if (launching) await (await launching.catch(() => null))?.close();
  }

  private async renderOnce(html: string, options: RenderOptions): Promise<Buffer> {
    const page = await this.takePage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: options.footerTemplate ?? pageFooterTemplate(options.language ?? 'de'),
        margin: MARGIN,
      });
      this.returnPage(page);
      return pdf;
    } catch (error) {
      const gone = await this.isGone(page);
      // A page that failed is never reused: it may be half-loaded or hung.
      await page.context().close().catch(() => undefined);
      if (gone) throw new BrowserGoneError('Chromium went away while printing', { cause: error });
      throw error;
    }
  }

  private async isGone(page: Page): Promise<boolean> {
    if (!this.isUsable(page)) return true;
    // The 'crash' event can arrive just after the call it broke has failed ("Printing
    // failed"), and a crashed page still answers some calls, so wait a moment for the event.
    await page.waitForEvent('crash', { timeout: CRASH_GRACE_MS }).catch(() => undefined);
    return !this.isUsable(page);
  }

  private async takePage(): Promise<Page> {
    for (let page = this.idle.pop(); page; page = this.idle.pop()) {
      if (this.isUsable(page)) return page;
    }
    const browser = await this.connectedBrowser();
    try {
      return await this.openPage(browser);
    } catch (error) {
      if (!browser.isConnected()) throw new BrowserGoneError('Chromium went away while opening a page', { cause: error });
      throw error;
    }
  }

  private returnPage(page: Page): void {
    if (this.closed || this.idle.length + this.busy > this.poolSize) void page.context().close().catch(() => undefined);
    else this.idle.push(page);
  }

  private isUsable(page: Page): boolean {
    return !page.isClosed() && !this.crashed.has(page) && page.context().browser()?.isConnected() === true;
  }

  private async openPage(browser: Browser): Promise<Page> {
    // No scripts and no network: the HTML is static and self-contained (fonts are system
    // fonts, the logo a data: URL), so nothing in it may run or fetch.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    page.on('crash', () => this.crashed.add(page));
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    return page;
  }

  /** The running browser, launched on first use and again after it crashed or disconnected. */
  private async connectedBrowser(): Promise<Browser> {
    // Twice: the 'disconnected' event may not have arrived yet for a browser that just died.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (this.closed) throw new Error('The PDF renderer is closed');
      this.launching ??= this.launch();
      const launching = this.launching;
      const browser = await launching;
      if (browser.isConnected()) return browser;
      if (this.launching === launching) this.launching = null;
    }
    throw new Error('Chromium disconnected right after its launch');
  }

  private launch(): Promise<Browser> {
    // The process that owns the renderer decides what a signal means (the worker finishes its jobs
    // first); Playwright's own handlers would kill Chromium under a running job.
    const launching = chromium.launch({ executablePath: this.executablePath, args: LAUNCH_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    const forget = () => {
      if (this.launching === launching) this.launching = null;
      this.idle = this.idle.filter((page) => this.isUsable(page));
    };
    launching.then((browser) => browser.on('disconnected', forget), forget);
    return launching;
  }

  private async acquireSlot(): Promise<void> {
    if (this.busy < this.poolSize) {
      this.busy += 1;
      return;
    }
    // releaseSlot hands its slot straight to the next waiter, so busy stays as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy -= 1;
  }
}
