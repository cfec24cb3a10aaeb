import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reading uploaded XML (received e-invoices, bank statements) safely: UTF-8 only, a DOCTYPE or
 * entity declaration refused before any parsing (it is what XXE and "billion laughs" entity
 * expansion need, and neither format ever has one), well-formedness checked, then parsed with
 * every value kept as a string (amounts never become floats). Each caller words the refusals
 * with its own error codes.
 */

export type XmlNode = Record<string, unknown>;

export interface XmlRefusals {
  notXml: (detail: string) => Error;
  doctype: () => Error;
}

export interface OpenedXml {
  xml: string;
  /** The root element's local name and namespace, read from its start tag. */
  root: { name: string; namespace: string | null };
}

function rootOf(xml: string, refusals: XmlRefusals): OpenedXml['root'] {
  let rest = xml.replace(/^\uFEFF/, '');
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) rest = rest.slice(rest.indexOf('?>') + 2 || rest.length);
    else if (rest.startsWith('<!--')) rest = rest.slice(rest.indexOf('-->') + 3 || rest.length);
    else break;
  }
  if (/^<!DOCTYPE/i.test(rest) || /<!ENTITY/i.test(xml)) throw refusals.doctype();
  const start = /^<(?:([\w.-]+):)?([\w.-]+)([^>]*)>/.exec(rest);
  if (!start) throw refusals.notXml('no root element');
  const [, prefix, name = '', attributes = ''] = start;
  const declaration = new RegExp(`\\sxmlns${prefix ? `:${prefix.replace(/[.-]/g, '\\$&')}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(attributes);
  return { name, namespace: declaration?.[1] ?? null };
}

/** Decodes, refuses a DOCTYPE, checks well-formedness and names the root: the caller decides from the root whether to parse. */
export function openXml(bytes: Uint8Array, refusals: XmlRefusals): OpenedXml {
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refusals.notXml('the file is not UTF-8 text');
  }
  const root = rootOf(xml, refusals);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw refusals.notXml(`${valid.err.msg} (line ${valid.err.line})`);
  return { xml, root };
}

/** Parses opened XML; elements named in `lists` are always arrays (so one and many look the same). */
export function parseXml(opened: OpenedXml, lists: ReadonlySet<string>): XmlNode {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    // Amounts stay strings: never a float on the way.
    parseTagValue: false,
    parseAttributeValue: false,
    // Only the five XML entities and character references: there is no DOCTYPE (refused when opened).
    processEntities: true,
    htmlEntities: false,
    maxNestedTags: 50,
    isArray: (tagName) => lists.has(tagName),
  });
  return parser.parse(opened.xml) as XmlNode;
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
