import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSettings } from '@workmate/db/core/settings';
import { buildPrintModel } from '@workmate/db/invoices/document-model';
import { finalizeLocked } from '@workmate/db/invoices/finalize';
import { lockInvoice } from '@workmate/db/invoices/queries';
import { renderInvoiceHtml } from '@workmate/worker/pdf/template';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { SELLER, draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole, type Client } from '../helpers/users.ts';
import { startWorker, until, type RunningWorker } from '../helpers/worker.ts';

/**
 * GiroCode (EPC QR code) on invoice PDFs: a payable invoice's archived PDF, rendered by the real
 * worker, carries a code that decodes to the EPC payload; documents that are not payable carry none.
 */
let app: TestApp;
let admin: Client;
let accountant: Client;
const tmp = mkdtempSync(join(tmpdir(), 'workmate-girocode-'));
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => {
  await app?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const expectedPayload = (gross: string, number: string) => ['BCD', '002', '1', 'SCT', SELLER.bic, SELLER.companyName, SELLER.iban, `EUR${gross}`, '', '', number].join('\n');

// jsqr is CommonJS whose module.exports is the function itself, while its types declare an ES
// default export; this picks the function either way.
const jsQR = typeof jsqrModule === 'function' ? jsqrModule : jsqrModule.default;

/** Every QR code's text on the PDF's pages, rasterised as a printer or a phone camera would see them. */
function decodeQrCodes(pdf: Buffer, name: string): string[] {
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', file, join(tmp, name)]);
  const found: string[] = [];
  for (const page of readdirSync(tmp).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort()) {
    const png = PNG.sync.read(readFileSync(join(tmp, page)));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    // The raw bytes, read as UTF-8 (the payload's character set "1"), not the decoder's guess at a text.
    if (code) found.push(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(code.binaryData)));
  }
  return found;
}

async function archivedPdf(id: string): Promise<Buffer> {
  let pdf: Buffer | null = null;
  await until(async () => {
    const result = await accountant.invoices.pdf.query({ id });
    expect(result.status).not.toBe('failed');
    if (result.status === 'ready' && result.final) pdf = Buffer.from(result.contentBase64, 'base64');
    return pdf !== null;
  }, `the archived PDF of ${id}`);
  if (!pdf) throw new Error('no PDF');
  return pdf;
}

/** The HTML the worker would render for the document, from the database's print model. */
async function htmlOf(id: string) {
  return renderInvoiceHtml(await buildPrintModel(app.orm.em.fork(), id));
}

describe('GiroCode on the invoice PDF', () => {
  let worker: RunningWorker;
  beforeAll(() => {
    worker = startWorker();
  });
  afterAll(async () => {
    const code = await worker.stop();
    if (code !== 0) console.log(worker.output());
    expect(code).toBe(0);
  });

  it('a finalized invoice carries a code that decodes to the EPC payload: BIC, name, IBAN, gross amount, invoice number', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    const inv = await accountant.invoices.finalize.mutate({ id: draft.id });
    const number = inv.number as string;
    // 10 h at 95.00 and 2 books at 49.90: 950.00 + 180.50 VAT, 99.80 + 6.99 VAT.
    expect(inv.grossTotal).toBe('1237.29');
    const codes = decodeQrCodes(await archivedPdf(inv.id), `invoice-${inv.id}`);
    expect(codes).toEqual([expectedPayload('1237.29', number)]);
    expect(codes[0]).toBe(`BCD\n002\n1\nSCT\nCOBADEFFXXX\nWorkmate Testfirma GmbH\nDE89370400440532013000\nEUR1237.29\n\n\n${number}`);
  });

  it('is captioned in the invoice language', async () => {
    const customer = await invoiceCustomer(admin, { language: 'en' });
    const draft = await draftInvoice(accountant, customer.id);
    const inv = await accountant.invoices.finalize.mutate({ id: draft.id });
    const html = await htmlOf(inv.id);
    expect(html).toContain('Pay with GiroCode');
    expect(html).not.toContain('Bezahlen mit GiroCode');
    const german = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, (await invoiceCustomer(admin)).id)).id });
    expect(await htmlOf(german.id)).toContain('Bezahlen mit GiroCode');
  });

  it('is not on a draft, a quote, a cancellation invoice or the cancelled invoice', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    expect(await htmlOf(draft.id)).not.toContain('class="girocode"');

    const quote = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id, { type: 'quote' })).id });
    const quoteModel = await buildPrintModel(app.orm.em.fork(), quote.id);
    expect(quoteModel.girocode).toBeNull();
    expect(renderInvoiceHtml(quoteModel)).not.toContain('class="girocode"');
    expect(decodeQrCodes(await archivedPdf(quote.id), `quote-${quote.id}`)).toEqual([]);

    const original = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: original.id, reason: 'Falscher Betrag' });
    const cancellationModel = await buildPrintModel(app.orm.em.fork(), cancellation.id);
    expect(cancellationModel.kind).toBe('cancellation');
    expect(cancellationModel.girocode).toBeNull();
    expect(renderInvoiceHtml(cancellationModel)).not.toContain('class="girocode"');
    // Cancelled before its PDF was drawn (or drawn again): nothing is owed on it any more.
    expect((await buildPrintModel(app.orm.em.fork(), original.id)).girocode).toBeNull();
  });

  it('is not on an invoice whose seller has no IBAN, or one that fails the check digits', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountant, customer.id);
    // Both inside a transaction that is rolled back, so parallel test files keep the company's bank details.
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        // The settings check only the IBAN's shape; DE00… has the shape but wrong check digits.
        await updateSettings(tx, { iban: 'DE00370400440532013000' });
        const invoice = await lockInvoice(tx, draft.id);
        await finalizeLocked(tx, invoice);
        await tx.flush();
        const model = await buildPrintModel(tx, draft.id);
        expect(model.seller.iban).toBe('DE00370400440532013000');
        expect(model.girocode).toBeNull();
        expect(renderInvoiceHtml(model)).not.toContain('class="girocode"');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        const invoice = await lockInvoice(tx, draft.id);
        await finalizeLocked(tx, invoice);
        // Finalizing requires an IBAN today; a document frozen without one must still print, without a code.
        if (!invoice.seller) throw new Error('finalized without a seller');
        invoice.seller = { ...invoice.seller, iban: null };
        await tx.flush();
        const model = await buildPrintModel(tx, draft.id);
        expect(model.girocode).toBeNull();
        expect(renderInvoiceHtml(model)).not.toContain('class="girocode"');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await accountant.invoices.get.query({ id: draft.id })).status).toBe('draft');
    expect((await admin.core.settings.get.query()).iban).toBe(SELLER.iban);
  });
});
