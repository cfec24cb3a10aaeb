import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from '@cantoo/pdf-lib';
import { appError } from '@workmate/domain/errors';
import { MAX_EINVOICE_XML_BYTES } from './read-xml.ts';

/** The names ZUGFeRD 1/2, Factur-X and the XRechnung profile give the embedded invoice. */
const INVOICE_FILE_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

const nameOf = (dict: PDFDict): string | null => {
  for (const key of ['UF', 'F']) {
    const value = dict.lookup(PDFName.of(key));
    if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  }
  return null;
};

/**
 * The bytes of a stream, decoded. Flate (what every producer uses for attachments) is inflated
 * with an output limit, so a small "zip bomb" stream cannot fill the memory.
 */
function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const single = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
  let bytes: Uint8Array;
  if (single === undefined) bytes = stream.contents;
  else if (single === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
    try {
      bytes = inflateSync(stream.contents, { maxOutputLength: MAX_EINVOICE_XML_BYTES + 1 });
    } catch {
      throw appError('BAD_REQUEST', 'einvoice.xmlTooLarge', { mb: MAX_EINVOICE_XML_BYTES / 1024 / 1024 }, { field: 'file' });
    }
  } else bytes = decodePDFRawStream(stream).decode();
  return bytes;
}

/**
 * The e-invoice XML embedded in a ZUGFeRD / Factur-X / XRechnung PDF, by its file name in the
 * file specifications (wherever they hang: the EmbeddedFiles name tree or the catalog's /AF).
 * Pure JavaScript, so the API needs no PDF tool on the machine.
 */
export async function embeddedInvoiceXml(pdf: Uint8Array): Promise<{ fileName: string; xml: Uint8Array }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    throw appError('BAD_REQUEST', 'einvoice.notPdf', { detail: error instanceof Error ? error.message.slice(0, 200) : 'unreadable' }, { field: 'file' });
  }
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const ef = object.lookup(PDFName.of('EF'));
    if (!(ef instanceof PDFDict)) continue;
    const fileName = nameOf(object);
    if (!fileName || !INVOICE_FILE_NAMES.includes(fileName.toLowerCase())) continue;
    const stream = ef.lookup(PDFName.of('UF')) ?? ef.lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) continue;
    return { fileName, xml: streamBytes(stream) };
  }
  throw appError('BAD_REQUEST', 'einvoice.pdfWithoutInvoice', {}, { field: 'file' });
}
