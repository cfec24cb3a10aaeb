import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { einvoiceProblems, skontoTermsText, EINVOICE_FORMATS, type EInvoiceFileFormat, type EInvoiceFormat } from '@workmate/domain/einvoice-out';
import { appError, notFound } from '@workmate/domain/errors';
import type { FileStorage } from '../documents/storage.ts';
import { StoredDocument } from '../entities/document.ts';
import { DocumentVersion } from '../entities/document-version.ts';
import { Invoice, type PartySnapshot } from '../entities/invoice.ts';
import { buildPrintModel } from './document-model.ts';
import { lockInvoice } from './queries.ts';
import type { EInvoiceModel } from './einvoice-json.ts';
import { skontoTermsOf } from './skonto.ts';

/**
 * The archive of a finalized invoice's e-invoice files: XRechnung CII and UBL as documents of
 * kind einvoice_cii / einvoice_ubl (one each per invoice, a unique index), the Factur-X PDF is the
 * archived PDF itself. Written once by the worker at finalize, never replaced.
 */
export const XML_KINDS = { 'xrechnung-cii': 'einvoice_cii', 'xrechnung-ubl': 'einvoice_ubl' } as const;
export type XmlFormat = keyof typeof XML_KINDS;

const s = (snap: PartySnapshot | null | undefined, key: string): string | null => {
  const v = snap?.[key];
  return v === undefined || v === null || v === '' ? null : v;
};

const formatOf = (v: string | null): EInvoiceFormat => ((EINVOICE_FORMATS as readonly string[]).includes(v ?? '') ? (v as EInvoiceFormat) : 'none');

/** The e-invoice model of a finalized invoice or cancellation, and what its data lacks for one. */
export async function buildEInvoiceModel(em: EntityManager, id: string, skontoText = ''): Promise<{ model: EInvoiceModel; problems: Record<string, string> }> {
  const print = await buildPrintModel(em, id);
  const inv = await em.findOneOrFail(Invoice, { id });
  const seller = inv.seller;
  const buyer = inv.buyer;
  const model: EInvoiceModel = {
    ...print,
    format: formatOf(s(buyer, 'einvoiceFormat')),
    publicAuthority: s(buyer, 'publicAuthority') === 'true',
    sellerExtra: {
      countryCode: s(seller, 'countryCode'),
      contactName: s(seller, 'contactName'),
      contactPhone: s(seller, 'contactPhone'),
      contactEmail: s(seller, 'contactEmail'),
      electronicAddress: s(seller, 'electronicAddress'),
      electronicAddressScheme: s(seller, 'electronicAddressScheme'),
    },
    buyerExtra: {
      countryCode: s(buyer, 'countryCode'),
      buyerReference: s(buyer, 'buyerReference'),
      email: s(buyer, 'email'),
      electronicAddress: s(buyer, 'electronicAddress'),
      electronicAddressScheme: s(buyer, 'electronicAddressScheme'),
    },
    // BT-20: the invoice's own Skonto terms in the #SKONTO# form (on the whole amount, so no BASISBETRAG).
    skontoText: skontoText || (inv.type === 'invoice' ? skontoTermsText([skontoTermsOf(inv)].filter((t) => t !== null)) : ''),
  };
  const problems = einvoiceProblems({
    format: model.format,
    taxCase: print.taxCase,
    publicAuthority: model.publicAuthority,
    seller: { countryCode: model.sellerExtra.countryCode, electronicAddress: model.sellerExtra.electronicAddress, email: model.sellerExtra.contactEmail, phone: model.sellerExtra.contactPhone, vatId: print.seller.vatId, iban: print.seller.iban },
    buyer: { countryCode: model.buyerExtra.countryCode, buyerReference: model.buyerExtra.buyerReference, electronicAddress: model.buyerExtra.electronicAddress, email: model.buyerExtra.email, vatId: print.buyer.vatId },
    lines: print.items.map((i) => ({ unit: i.unit })),
    finalVatRows: print.invoiceKind === 'final' ? print.taxBreakdown : null,
  });
  return { model, problems };
}

/** The German name of a document in its file names. */
export const documentLabel = (type: string) => (type === 'cancellation' ? 'Stornorechnung' : type === 'credit_note' ? 'Rechnungskorrektur' : 'Rechnung');

const safe = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '_');

/**
 * Stores one XRechnung XML of a finalized invoice (file first, then the row: a crash leaves at
 * most an unreferenced file). An XML archived already stays as it is: the new one is dropped.
 */
export async function storeEInvoiceXml(em: EntityManager, storage: FileStorage, input: { invoiceId: string; format: XmlFormat; xml: Buffer }): Promise<{ stored: boolean; documentId: string; storageKey: string }> {
  const kind = XML_KINDS[input.format];
  const existing = await em.fork().findOne(StoredDocument, { entity: 'invoice', entityId: input.invoiceId, kind });
  if (existing) return { stored: false, documentId: existing.id, storageKey: existing.storageKey };
  const inv = await em.fork().findOne(Invoice, { id: input.invoiceId });
  if (!inv || inv.status === 'draft' || !inv.number) throw notFound('Invoice', input.invoiceId);
  const sha256 = createHash('sha256').update(input.xml).digest('hex');
  const key = `invoices/${input.invoiceId}/${sha256}.${input.format === 'xrechnung-cii' ? 'cii' : 'ubl'}.xml`;
  await storage.put(key, input.xml);
  const fileName = `${documentLabel(inv.type)}-${safe(inv.number)}-xrechnung-${input.format === 'xrechnung-cii' ? 'cii' : 'ubl'}.xml`;
  // Under the invoice's row lock (as the PDF is stored), so two workers never both add one; the
  // unique index (entity_id, kind) holds it as well. Created through the ORM: the audit trail records it.
  const result = await em.fork().transactional(async (tx) => {
    const locked = await lockInvoice(tx, input.invoiceId);
    const winner = await tx.findOne(StoredDocument, { entity: 'invoice', entityId: input.invoiceId, kind });
    if (winner) return { stored: false, documentId: winner.id, storageKey: winner.storageKey };
    const doc = tx.create(StoredDocument, { kind, fileName, category: 'invoice', mimeType: 'application/xml', sizeBytes: input.xml.length, sha256, storageKey: key, owner: null, entity: 'invoice', entityId: locked.id });
    tx.create(DocumentVersion, { document: doc, version: 1, fileName, mimeType: 'application/xml', sizeBytes: input.xml.length, sha256, storageKey: key, uploadedBy: null });
    await tx.flush();
    return { stored: true, documentId: doc.id, storageKey: key };
  });
  // Another run archived its XML first: ours (a different file only if the bytes differ) goes.
  if (!result.stored && result.storageKey !== key) await storage.remove(key).catch(() => undefined);
  return result;
}

export interface EInvoiceFile {
  documentId: string;
  fileName: string;
  mimeType: string;
  sha256: string;
  size: number;
  storageKey: string;
}

const fileOf = (d: StoredDocument): EInvoiceFile => ({ documentId: d.id, fileName: d.fileName, mimeType: d.mimeType, sha256: d.sha256, size: Number(d.sizeBytes), storageKey: d.storageKey });

/**
 * The archived e-invoice file of an invoice in one format: `ready` with the file, `rendering`
 * while the worker has not archived the PDF yet (the XML comes before it), or a refusal: drafts
 * and quotes have none, and an invoice whose data was incomplete at finalize has none either.
 */
export async function findEInvoiceFile(em: EntityManager, id: string, format: EInvoiceFileFormat): Promise<{ status: 'ready'; file: EInvoiceFile } | { status: 'rendering' }> {
  const inv = await em.findOne(Invoice, { id }, { populate: ['pdfDocument'], refresh: true });
  if (!inv) throw notFound('Invoice', id);
  if (inv.type === 'quote') throw appError('BAD_REQUEST', 'invoice.einvoice.quote', {}, { field: 'id' });
  if (inv.status === 'draft') throw appError('CONFLICT', 'invoice.einvoice.draft', {}, { field: 'id' });
  const notArchived = () => appError('NOT_FOUND', 'invoice.einvoice.notArchived', { format, number: inv.number ?? '' }, { field: 'format' });
  if (format === 'facturx') {
    if (!inv.pdfDocument) return { status: 'rendering' };
    // The archived PDF is a Factur-X PDF when an XML was archived with it (both come from the same data).
    const hasXml = await em.count(StoredDocument, { entity: 'invoice', entityId: id, kind: XML_KINDS['xrechnung-cii'] });
    if (!hasXml) throw notArchived();
    return { status: 'ready', file: fileOf(inv.pdfDocument) };
  }
  const doc = await em.findOne(StoredDocument, { entity: 'invoice', entityId: id, kind: XML_KINDS[format] });
  if (doc) return { status: 'ready', file: fileOf(doc) };
  // The XML is archived before the PDF: with the PDF there and no XML, there never will be one.
  if (inv.pdfDocument) throw notArchived();
  return { status: 'rendering' };
}
