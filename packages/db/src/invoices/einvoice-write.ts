import { InvoiceService } from '@e-invoice-eu/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FileStorage } from '../documents/storage.ts';
import { buildEInvoiceModel, storeEInvoiceXml } from './einvoice.ts';
import { toEInvoiceJson } from './einvoice-json.ts';

/**
 * Writing e-invoices with @e-invoice-eu/core: XRechnung 3.0 in CII and UBL syntax, and the
 * Factur-X (EN 16931 profile) PDF/A-3 — the library embeds the CII as factur-x.xml with
 * AFRelationship /Alternative and writes the XMP metadata (pdfaid part 3, the fx: schema) and an
 * sRGB OutputIntent. Fonts come embedded from Chromium. The library checks neither totals nor
 * XRechnung rules: we write from our exact figures and validate in the tests.
 */
const service = new InvoiceService({ log: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error('[einvoice]', ...args) });

const asBuffer = (out: string | Uint8Array) => (typeof out === 'string' ? Buffer.from(out, 'utf8') : Buffer.from(out));

export async function writeXml(json: ReturnType<typeof toEInvoiceJson>, format: 'XRECHNUNG-CII' | 'XRECHNUNG-UBL'): Promise<Buffer> {
  return asBuffer(await service.generate(json, { format, lang: 'de-de' }));
}

export async function writeFacturX(json: ReturnType<typeof toEInvoiceJson>, pdf: Buffer, fileName: string): Promise<Buffer> {
  return asBuffer(await service.generate(json, { format: 'Factur-X-EN16931', lang: 'de-de', pdf: { buffer: new Uint8Array(pdf), filename: fileName, mimetype: 'application/pdf' } }));
}

export type EInvoiceArchiveResult =
  | { written: true; facturX: (pdf: Buffer) => Promise<Buffer> }
  | { written: false; reason: string };

/**
 * Archives the XRechnung CII and UBL of a finalized invoice or cancellation whose data is
 * complete (each once), and hands back how to turn its Chromium PDF into the Factur-X PDF. With
 * incomplete data (only possible for a customer who asked for no e-invoice: finalize refuses the
 * others) nothing is written and the PDF stays a plain PDF.
 */
export async function archiveEInvoice(em: EntityManager, storage: FileStorage, invoiceId: string): Promise<EInvoiceArchiveResult> {
  const { model, problems } = await buildEInvoiceModel(em, invoiceId);
  if (model.kind === 'quote' || model.draft) return { written: false, reason: 'not an invoice' };
  const missing = Object.keys(problems);
  if (missing.length > 0) {
    if (model.format !== 'none') throw new Error(`Invoice ${model.number} wants ${model.format} but lacks ${missing.join(', ')}`);
    return { written: false, reason: `incomplete: ${missing.join(', ')}` };
  }
  const json = toEInvoiceJson(model);
  await storeEInvoiceXml(em, storage, { invoiceId, format: 'xrechnung-cii', xml: await writeXml(json, 'XRECHNUNG-CII') });
  await storeEInvoiceXml(em, storage, { invoiceId, format: 'xrechnung-ubl', xml: await writeXml(json, 'XRECHNUNG-UBL') });
  return { written: true, facturX: (pdf) => writeFacturX(json, pdf, `${model.kind === 'cancellation' ? 'Stornorechnung' : 'Rechnung'}-${model.number}.pdf`) };
}
