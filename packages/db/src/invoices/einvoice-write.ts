import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from '@cantoo/pdf-lib';
import { FormatFactoryService, invoiceSchema, type Invoice as UblInvoice, type InvoiceServiceOptions } from '@e-invoice-eu/core';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FileStorage } from '../documents/storage.ts';
import { checkReceivedEInvoice } from '@workmate/domain/einvoice-in';
import { parseEInvoiceXml } from '../purchases/parse-einvoice.ts';
import { buildEInvoiceModel, documentLabel, storeEInvoiceXml } from './einvoice.ts';
import { toEInvoiceJson } from './einvoice-json.ts';

/**
 * Writing e-invoices with @e-invoice-eu/core: XRechnung 3.0 in CII and UBL syntax, and the
 * Factur-X (EN 16931 profile) PDF/A-3 — the library embeds the CII as factur-x.xml with
 * AFRelationship /Alternative and writes the XMP metadata (pdfaid part 3, the fx: schema) and an
 * sRGB OutputIntent. Fonts come embedded from Chromium. The library checks neither totals nor
 * XRechnung rules: we write from our exact figures and validate in the tests.
 */
const logger = { log: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error('[einvoice]', ...args) };
const factory = new FormatFactoryService();
const validators = new Map<string, ValidateFunction<UblInvoice>>();

/**
 * InvoiceService.generate, with its JSON-schema validator compiled once per format instead of
 * on every call (the library compiles its large schema each time: about 300 ms per file, three
 * files per finalize). Same checks, same options (ajv strict, allErrors, useDefaults).
 */
const service = {
  async generate(input: UblInvoice, options: InvoiceServiceOptions): Promise<string | Uint8Array> {
    const formatter = factory.createFormatService(options.format, logger);
    const format = factory.normalizeFormat(options.format);
    let validate = validators.get(format);
    if (!validate) {
      const schema = structuredClone(invoiceSchema);
      formatter.patchSchema(schema);
      validate = new Ajv2019({ strict: true, allErrors: true, useDefaults: true }).compile(schema);
      validators.set(format, validate);
    }
    const invoice = structuredClone(input);
    if (!validate(invoice)) throw new Error(`The e-invoice data is invalid for ${format}: ${JSON.stringify(validate.errors)}`);
    formatter.fillInvoiceDefaults(invoice);
    return formatter.generate(invoice, { ...options, format });
  },
};

const asBuffer = (out: string | Uint8Array) => (typeof out === 'string' ? Buffer.from(out, 'utf8') : Buffer.from(out));

export async function writeXml(json: ReturnType<typeof toEInvoiceJson>, format: 'XRECHNUNG-CII' | 'XRECHNUNG-UBL'): Promise<Buffer> {
  const out = asBuffer(await service.generate(json, { format, lang: 'de-de' }));
  return format === 'XRECHNUNG-CII' ? withPrecedingInvoice(out, json) : out;
}

/**
 * BT-25/BT-26 in CII: the library maps cac:BillingReference from the wrong level (and with the
 * udt: date type the XSD refuses), so the preceding invoice never reaches the CII. Added here, at
 * its place in the XSD's sequence (after the monetary summation of the header settlement).
 */
export function withPrecedingInvoice(xml: Buffer, json: ReturnType<typeof toEInvoiceJson>): Buffer {
  const refs = json['ubl:Invoice']['cac:BillingReference'] ?? [];
  if (refs.length === 0) return xml;
  const text = xml.toString('utf8');
  if (text.includes('<ram:InvoiceReferencedDocument>')) return xml;
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const blocks = refs.map(({ 'cac:InvoiceDocumentReference': r }) => {
    const date = r['cbc:IssueDate'] ? `<ram:FormattedIssueDateTime><qdt:DateTimeString format="102">${r['cbc:IssueDate'].replace(/-/g, '')}</qdt:DateTimeString></ram:FormattedIssueDateTime>` : '';
    return `<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>${esc(r['cbc:ID'])}</ram:IssuerAssignedID>${date}</ram:InvoiceReferencedDocument>`;
  });
  const anchor = '</ram:SpecifiedTradeSettlementHeaderMonetarySummation>';
  if (!text.includes(anchor) || !/xmlns:qdt=/.test(text)) throw new Error('Unexpected CII from the e-invoice library: no header monetary summation or qdt namespace');
  return Buffer.from(text.replace(anchor, () => `${anchor}\n${blocks.join('\n')}`), 'utf8');
}

/**
 * The Factur-X PDF/A-3 of the Chromium PDF. The library embeds its own CII; `cii` (ours, with the
 * fixes above) replaces the embedded file's bytes, so the PDF carries exactly the archived CII.
 */
export async function writeFacturX(json: ReturnType<typeof toEInvoiceJson>, pdf: Buffer, fileName: string, cii: Buffer): Promise<Buffer> {
  const out = asBuffer(await service.generate(json, { format: 'Factur-X-EN16931', lang: 'de-de', pdf: { buffer: new Uint8Array(pdf), filename: fileName, mimetype: 'application/pdf' } }));
  return replaceEmbeddedXml(out, 'factur-x.xml', cii);
}

async function replaceEmbeddedXml(pdfBytes: Buffer, name: string, xml: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(new Uint8Array(pdfBytes), { updateMetadata: false });
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)?.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (!names) throw new Error('The Factur-X PDF has no embedded files');
  for (let i = 0; i + 1 < names.size(); i += 2) {
    const key = names.lookup(i);
    const label = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : '';
    if (label !== name) continue;
    const spec = names.lookup(i + 1, PDFDict);
    const ef = spec.lookup(PDFName.of('EF'), PDFDict);
    const ref = ef.get(PDFName.of('F'));
    if (!(ref instanceof PDFRef)) throw new Error('The embedded Factur-X file is not a referenced stream');
    const old = doc.context.lookup(ref);
    const params = old instanceof PDFRawStream ? old.dict.lookupMaybe(PDFName.of('Params'), PDFDict) : undefined;
    params?.set(PDFName.of('Size'), PDFNumber.of(xml.length));
    params?.delete(PDFName.of('CheckSum'));
    const stream = doc.context.flateStream(new Uint8Array(xml), { Type: 'EmbeddedFile', Subtype: 'text/xml', ...(params ? { Params: params } : {}) });
    doc.context.assign(ref, stream);
    return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
  }
  throw new Error(`The Factur-X PDF has no embedded ${name}`);
}

export type EInvoiceArchiveResult =
  | { written: true; pdf: Buffer }
  | { written: false; reason: string; /** The customer asked for an e-invoice and gets none: worth an alarm. */ wanted: boolean };

/**
 * Our own EN 16931 checks (BR-CO-10…18, BR-xx-08/09, BR-04) on an XML we wrote, read back as a
 * receiver reads it; null when it passes.
 */
export function ownRuleProblem(xml: Buffer): string | null {
  try {
    const problem = checkReceivedEInvoice(parseEInvoiceXml(new Uint8Array(xml)));
    return problem ? `${problem.rule}: ${problem.detail}` : null;
  } catch (error) {
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Archives the XRechnung CII and UBL of a finalized invoice, cancellation, credit note, deposit
 * or final invoice whose data is complete (each once), and answers its Chromium PDF `pdf` as the
 * Factur-X PDF. Everything is written and checked before anything is archived, so what cannot
 * become a valid e-invoice leaves no trace: incomplete data (finalize refuses it for customers
 * who chose a format), an XML the library refuses, one our rules find wrong, or a PDF the
 * Factur-X step cannot take — the answer says why, and the PDF stays a plain PDF. Only storing
 * fails loudly (a storage or database error is worth retrying).
 */
export async function archiveEInvoice(em: EntityManager, storage: FileStorage, invoiceId: string, pdf: Buffer): Promise<EInvoiceArchiveResult> {
  const { model, problems } = await buildEInvoiceModel(em, invoiceId);
  if (model.kind === 'quote' || model.draft) return { written: false, reason: 'not an invoice', wanted: false };
  const wanted = model.format !== 'none';
  const missing = Object.keys(problems);
  if (missing.length > 0) return { written: false, reason: `incomplete: ${missing.join(', ')}`, wanted };
  const fileName = `${documentLabel(model.kind)}-${model.number}.pdf`;
  let json: ReturnType<typeof toEInvoiceJson>;
  let ciiXml: Buffer;
  let ublXml: Buffer;
  let facturX: Buffer;
  try {
    json = toEInvoiceJson(model);
    ciiXml = await writeXml(json, 'XRECHNUNG-CII');
    ublXml = await writeXml(json, 'XRECHNUNG-UBL');
    const invalid = ownRuleProblem(ciiXml) ?? ownRuleProblem(ublXml);
    if (invalid) return { written: false, reason: `invalid: ${invalid}`, wanted };
    facturX = await writeFacturX(json, pdf, fileName, ciiXml);
  } catch (error) {
    return { written: false, reason: `not writable: ${error instanceof Error ? error.message : String(error)}`, wanted };
  }
  const cii = await storeEInvoiceXml(em, storage, { invoiceId, format: 'xrechnung-cii', xml: ciiXml });
  await storeEInvoiceXml(em, storage, { invoiceId, format: 'xrechnung-ubl', xml: ublXml });
  if (cii.stored) return { written: true, pdf: facturX };
  // An earlier run archived its CII: the PDF embeds that one, byte for byte.
  const archivedCii = await storage.get(cii.storageKey);
  return { written: true, pdf: archivedCii.equals(ciiXml) ? facturX : await writeFacturX(json, pdf, fileName, archivedCii) };
}
