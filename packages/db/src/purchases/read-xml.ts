import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { appError } from '@workmate/domain/errors';

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

export type XmlNode = Record<string, unknown>;
export type XmlKind = { syntax: 'UBL'; root: XmlNode; creditNote: boolean } | { syntax: 'CII'; root: XmlNode };

/**
 * The root element's local name and namespace, read from its start tag. A DOCTYPE is refused
 * outright: e-invoices never have one, and it is what XXE and "billion laughs" entity expansion
 * need, so no entity declaration ever reaches the parser.
 */
function rootOf(xml: string): { name: string; namespace: string | null } {
  let rest = xml.replace(/^\uFEFF/, '');
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) rest = rest.slice(rest.indexOf('?>') + 2 || rest.length);
    else if (rest.startsWith('<!--')) rest = rest.slice(rest.indexOf('-->') + 3 || rest.length);
    else break;
  }
  if (/^<!DOCTYPE/i.test(rest) || /<!ENTITY/i.test(xml)) throw appError('BAD_REQUEST', 'einvoice.doctype', {}, { field: 'file' });
  const start = /^<(?:([\w.-]+):)?([\w.-]+)([^>]*)>/.exec(rest);
  if (!start) throw appError('BAD_REQUEST', 'einvoice.notXml', { detail: 'no root element' }, { field: 'file' });
  const [, prefix, name = '', attributes = ''] = start;
  const declaration = new RegExp(`\\sxmlns${prefix ? `:${prefix.replace(/[.-]/g, '\\$&')}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(attributes);
  return { name, namespace: declaration?.[1] ?? null };
}

/** Reads the XML of an e-invoice and tells its syntax by the root element's namespace. */
export function readEInvoiceXml(bytes: Uint8Array): XmlKind {
  if (bytes.length > MAX_EINVOICE_XML_BYTES) throw appError('BAD_REQUEST', 'einvoice.xmlTooLarge', { mb: MAX_EINVOICE_XML_BYTES / 1024 / 1024 }, { field: 'file' });
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw appError('BAD_REQUEST', 'einvoice.notXml', { detail: 'the file is not UTF-8 text' }, { field: 'file' });
  }
  const root = rootOf(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw appError('BAD_REQUEST', 'einvoice.notXml', { detail: `${valid.err.msg} (line ${valid.err.line})` }, { field: 'file' });
  const kind = root.namespace === UBL_INVOICE_NS && root.name === 'Invoice' ? 'UBL' : root.namespace === UBL_CREDIT_NOTE_NS && root.name === 'CreditNote' ? 'UBL-CN' : root.namespace === CII_NS && root.name === 'CrossIndustryInvoice' ? 'CII' : null;
  if (!kind) throw appError('BAD_REQUEST', 'einvoice.unknownRoot', { root: `${root.name}${root.namespace ? ` (${root.namespace})` : ''}` }, { field: 'file' });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    // Amounts stay strings: never a float on the way.
    parseTagValue: false,
    parseAttributeValue: false,
    // Only the five XML entities and character references: there is no DOCTYPE (refused above).
    processEntities: true,
    htmlEntities: false,
    maxNestedTags: 50,
    isArray: (tagName) => LISTS.has(tagName),
  });
  const doc: XmlNode = parser.parse(xml);
  const node = doc[root.name];
  const rootNode = typeof node === 'object' && node !== null ? (node as XmlNode) : {};
  return kind === 'CII' ? { syntax: 'CII', root: rootNode } : { syntax: 'UBL', root: rootNode, creditNote: kind === 'UBL-CN' };
}

/** A child element by a path of local names; arrays are entered at their first item. */
export function at(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const key of path) {
    if (Array.isArray(current)) current = current[0];
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as XmlNode)[key];
  }
  return Array.isArray(current) ? current[0] : current;
}

/** The text of an element (with or without attributes), trimmed; null when absent or empty. */
export function textOf(node: unknown): string | null {
  const value = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as XmlNode)['#text'] : node;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

export const text = (node: unknown, ...path: string[]) => textOf(at(node, ...path));
export const attr = (node: unknown, name: string) => (typeof node === 'object' && node !== null ? textOf((node as XmlNode)[`@${name}`]) : null);
export const list = (node: unknown, ...path: string[]): unknown[] => {
  const parent = path.length > 1 ? at(node, ...path.slice(0, -1)) : node;
  const value = typeof parent === 'object' && parent !== null ? (parent as XmlNode)[path[path.length - 1] ?? ''] : undefined;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
