import { appError } from '@workmate/domain/errors';
import { openXml, parseXml, type XmlNode } from '../shared/xml.ts';

export const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
export const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

/** An e-invoice's XML is a few hundred kB at most; more is refused before it is parsed. */
export const MAX_EINVOICE_XML_BYTES = 5 * 1024 * 1024;

/** Elements that may repeat, read as arrays always (so one and many look the same). */
const LISTS = new Set([
  'InvoiceLine', 'CreditNoteLine', 'TaxTotal', 'TaxSubtotal', 'PaymentMeans', 'PartyTaxScheme', 'PartyIdentification', 'AllowanceCharge',
  'IncludedSupplyChainTradeLineItem', 'ApplicableTradeTax', 'SpecifiedTradeSettlementPaymentMeans', 'SpecifiedTaxRegistration',
  'SpecifiedTradePaymentTerms', 'SpecifiedTradeAllowanceCharge', 'IncludedNote', 'Note', 'TaxTotalAmount',
]);

export type XmlKind = { syntax: 'UBL'; root: XmlNode; creditNote: boolean } | { syntax: 'CII'; root: XmlNode };

const refusals = {
  notXml: (detail: string) => appError('BAD_REQUEST', 'einvoice.notXml', { detail }, { field: 'file' }),
  doctype: () => appError('BAD_REQUEST', 'einvoice.doctype', {}, { field: 'file' }),
};

/** Reads the XML of an e-invoice and tells its syntax by the root element's namespace. */
export function readEInvoiceXml(bytes: Uint8Array): XmlKind {
  if (bytes.length > MAX_EINVOICE_XML_BYTES) throw appError('BAD_REQUEST', 'einvoice.xmlTooLarge', { mb: MAX_EINVOICE_XML_BYTES / 1024 / 1024 }, { field: 'file' });
  const opened = openXml(bytes, refusals);
  const { root } = opened;
  const kind = root.namespace === UBL_INVOICE_NS && root.name === 'Invoice' ? 'UBL' : root.namespace === UBL_CREDIT_NOTE_NS && root.name === 'CreditNote' ? 'UBL-CN' : root.namespace === CII_NS && root.name === 'CrossIndustryInvoice' ? 'CII' : null;
  if (!kind) throw appError('BAD_REQUEST', 'einvoice.unknownRoot', { root: `${root.name}${root.namespace ? ` (${root.namespace})` : ''}` }, { field: 'file' });
  const node = parseXml(opened, LISTS)[root.name];
  const rootNode = typeof node === 'object' && node !== null ? (node as XmlNode) : {};
  return kind === 'CII' ? { syntax: 'CII', root: rootNode } : { syntax: 'UBL', root: rootNode, creditNote: kind === 'UBL-CN' };
}
