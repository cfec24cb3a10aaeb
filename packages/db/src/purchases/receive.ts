import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkReceivedEInvoice, type ReceivedEInvoice, type SupplierInvoiceFormat } from '@workmate/domain/einvoice-in';
import { appError } from '@workmate/domain/errors';
import { StoredDocument } from '../entities/document.ts';
import { DocumentVersion } from '../entities/document-version.ts';
import { Employee } from '../entities/employee.ts';
import { SupplierInvoice } from '../entities/supplier-invoice.ts';
import { SupplierInvoiceTaxRow } from '../entities/supplier-invoice-tax-row.ts';
import type { ReceivedBytes } from '../documents/receive.ts';
import type { FileStorage } from '../documents/storage.ts';
import type { Actor } from '../shared/actor.ts';
import { findOrCreateSupplier } from '../suppliers/suppliers.ts';
import { parseEInvoiceXml } from './parse-einvoice.ts';
import { embeddedInvoiceXml } from './pdf-attachment.ts';

/** The kind of stored document an e-invoice's original is: archived as received, never listed among uploads. */
export const EINVOICE_DOCUMENT_KIND = 'einvoice';

export interface ReadEInvoice {
  format: SupplierInvoiceFormat;
  mimeType: string;
  invoice: ReceivedEInvoice;
}

/**
 * Tells what the file is by its content (a PDF, or XML), reads the invoice from it and checks it:
 * EUR only, and our EN 16931 checks. Every problem is a 400 naming what is wrong.
 */
export async function readEInvoiceFile(bytes: Uint8Array): Promise<ReadEInvoice> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).replace(/^\uFEFF|^ï»¿/, '').trimStart();
  let read: Omit<ReadEInvoice, 'format'> & { format?: SupplierInvoiceFormat };
  if (head.startsWith('%PDF-')) {
    const { xml } = await embeddedInvoiceXml(bytes);
    read = { format: 'facturx', mimeType: 'application/pdf', invoice: parseEInvoiceXml(xml) };
  } else if (head.startsWith('<')) {
    read = { mimeType: 'application/xml', invoice: parseEInvoiceXml(bytes) };
  } else {
    throw appError('BAD_REQUEST', 'einvoice.unsupportedFile', {}, { field: 'file' });
  }
  const { invoice } = read;
  if (invoice.currency !== 'EUR') throw appError('BAD_REQUEST', 'einvoice.currency', { currency: invoice.currency.slice(0, 10) }, { field: 'file' });
  const problem = checkReceivedEInvoice(invoice);
  if (problem) throw appError('BAD_REQUEST', 'einvoice.rule', problem, { field: 'file' });
  return { ...read, format: read.format ?? (invoice.syntax === 'CII' ? 'cii' : 'ubl') };
}

/**
 * Receives an e-invoice file: reads and checks it, then in one transaction finds or creates the
 * supplier, stores the original unchanged (with its sha256) and creates the supplier invoice as a
 * draft with its VAT rows. The same invoice number of the same supplier again is refused (409)
 * and leaves nothing behind. The temporary file is the caller's to discard.
 */
export async function receiveEInvoice(
  em: EntityManager,
  storage: FileStorage,
  actor: Actor,
  file: ReceivedBytes & { fileName: string },
): Promise<{ id: string }> {
  const read = await readEInvoiceFile(await readFile(file.incoming.path));
  const { invoice } = read;
  const now = new Date();
  const key = `einvoices/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
  try {
    return await em.transactional(async (tx) => {
      const supplier = await findOrCreateSupplier(tx, invoice.supplier);
      const number = invoice.number.slice(0, 100);
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`supplier-invoice:${supplier.id}:${number}`]);
      if (await tx.count(SupplierInvoice, { supplier, invoiceNumber: number })) {
        throw appError('CONFLICT', 'einvoice.duplicate', { number, supplier: supplier.name }, { field: 'file' });
      }
      await file.incoming.commit(key);
      const id = randomUUID();
      const owner = tx.getReference(Employee, actor.id);
      const document = tx.create(StoredDocument, {
        kind: EINVOICE_DOCUMENT_KIND,
        title: `${supplier.name} ${number}`.slice(0, 255),
        category: null,
        version: 1,
        fileName: file.fileName,
        mimeType: read.mimeType,
        sizeBytes: file.size,
        sha256: file.sha256,
        storageKey: key,
        owner,
        entity: 'supplierInvoice',
        entityId: id,
        confidential: false,
      });
      tx.create(DocumentVersion, { document, version: 1, fileName: file.fileName, mimeType: read.mimeType, sizeBytes: file.size, sha256: file.sha256, storageKey: key, uploadedBy: owner });
      const created = tx.create(SupplierInvoice, {
        id,
        supplier,
        invoiceNumber: number,
        typeCode: invoice.typeCode,
        status: 'draft',
        format: read.format,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        currency: invoice.currency,
        buyerReference: invoice.buyerReference?.slice(0, 200) ?? null,
        netAmount: invoice.totals.net,
        taxAmount: invoice.totals.tax,
        grossAmount: invoice.totals.gross,
        dueAmount: invoice.totals.due,
        document,
        parsed: invoice,
        receivedBy: owner,
      });
      for (const row of invoice.taxRows) tx.create(SupplierInvoiceTaxRow, { supplierInvoice: created, category: row.category.slice(0, 4), rate: row.rate, netAmount: row.netAmount, taxAmount: row.taxAmount });
      await tx.flush();
      return { id };
    });
  } catch (error) {
    await storage.remove(key).catch(() => undefined);
    throw error;
  }
}
