import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRenderInvoicePdf } from '@workmate/worker/jobs/render-invoice-pdf';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { ownRuleProblems, xsdErrors } from '../helpers/einvoice-check.ts';
import { uploadEInvoice } from '../helpers/einvoices.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { draftInvoice, prepareInvoicing } from '../helpers/invoices.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Outgoing e-invoices (issue 14): XRechnung CII + UBL archived at finalize by the render job,
 * the archived PDF a Factur-X PDF/A-3, downloadable by tRPC and HTTP; finalize refuses what a
 * customer's chosen format lacks. A database of its own: the seller's settings change here.
 */

let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let renderer: PdfRenderer;
let admin: Client;
let accountant: Client;
let accountantToken: string;
let employeeToken: string;
let employee: Client;
const renderMs: number[] = [];
/** Render jobs of invoices without an e-invoice (a plain PDF), for comparison. */
const plainRenderMs: number[] = [];
const validateMs: number[] = [];

const E_SELLER = { contactName: 'Erika Muster', contactPhone: '+49 30 1234567', contactEmail: 'rechnung@testfirma.example', electronicAddress: 'rechnung@testfirma.example', electronicAddressScheme: 'EM' as const, countryCode: 'DE' };

beforeAll(async () => {
  db = await freshDatabase('workmate_einvout');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  const acc = await userWithRole(app, 'Accountant');
  accountant = acc.client;
  accountantToken = acc.token;
  const emp = await userWithRole(app, 'Employee');
  employee = emp.client;
  employeeToken = emp.token;
  await prepareInvoicing(admin);
  await admin.core.settings.update.mutate(E_SELLER);
  renderer = new PdfRenderer({ poolSize: 1 });
});
afterAll(async () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  if (renderMs.length) {
    console.log(
      `[einvoice figures] worker render job per finalize with e-invoice (Chromium PDF + CII + UBL + Factur-X, archived; the first includes the Chromium start and compiling the schema): ${renderMs.map((m) => m.toFixed(0)).join(', ')} ms; median after the first ${median(renderMs.slice(1)).toFixed(0)} ms over ${renderMs.length - 1}`,
    );
  }
  if (plainRenderMs.length) console.log(`[einvoice figures] worker render job without e-invoice (plain PDF): ${plainRenderMs.map((m) => m.toFixed(0)).join(', ')} ms`);
  if (validateMs.length) console.log(`[einvoice figures] validation per invoice (CII XSD via xmllint + own rules on CII and UBL): ${validateMs.map((m) => m.toFixed(0)).join(', ')} ms; median ${median(validateMs).toFixed(0)} ms over ${validateMs.length}`);
  await renderer?.close();
  await app?.close();
  await db?.drop();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function eCustomer(extra: Record<string, unknown> = {}) {
  return admin.crm.customers.create.mutate({
    name: unique('E-Kunde GmbH'),
    email: 'einkauf@kunde.example',
    street: 'Domstraße 5',
    zipCode: '50667',
    city: 'Köln',
    country: 'Deutschland',
    countryCode: 'DE',
    einvoiceFormat: 'xrechnung-cii',
    ...extra,
  });
}

/** The worker's render job, in this process, timed. */
async function render(invoiceId: string) {
  const started = performance.now();
  await processRenderInvoicePdf(app.orm, app.storage, renderer, { invoiceId, draftVersion: null });
  return performance.now() - started;
}

async function archived(invoiceId: string) {
  return sql<Array<{ id: string; kind: string; sha256: string; storage_key: string; file_name: string }>>(`select id, kind, sha256, storage_key, file_name from documents where entity = 'invoice' and entity_id = ? and kind like 'einvoice_%' order by kind`, [invoiceId]);
}

async function download(client: Client, id: string, format: 'xrechnung-cii' | 'xrechnung-ubl' | 'facturx') {
  const r = await client.invoices.einvoice.query({ id, format });
  if (r.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(r)}`);
  return { ...r, bytes: Buffer.from(r.contentBase64, 'base64') };
}

/** Validates both XMLs of an invoice (XSD + own rules), timed, and answers what was found. */
async function validate(id: string) {
  const cii = await download(accountant, id, 'xrechnung-cii');
  const ubl = await download(accountant, id, 'xrechnung-ubl');
  const started = performance.now();
  const result = { xsd: xsdErrors(cii.bytes), cii: ownRuleProblems(cii.bytes), ubl: ownRuleProblems(ubl.bytes) };
  validateMs.push(performance.now() - started);
  return { ...result, ciiXml: cii.bytes.toString('utf8'), ublXml: ubl.bytes.toString('utf8') };
}

async function finalizeAndRender(customerId: string, options: Parameters<typeof draftInvoice>[2] = {}) {
  const draft = await draftInvoice(accountant, customerId, options);
  const invoice = await accountant.invoices.finalize.mutate({ id: draft.id });
  const ms = await render(invoice.id);
  ((await archived(invoice.id)).length > 0 ? renderMs : plainRenderMs).push(ms);
  return invoice;
}

const MIXED = [
  { description: 'Beratung', quantity: '10', unit: 'Std.', unitPrice: '95.00', taxRate: 19 as const },
  { description: 'Schrauben', quantity: '3', unit: 'Stk.', unitPrice: '1.2605', taxRate: 19 as const },
  { description: 'Fachbuch', quantity: '2', unit: 'Stück', unitPrice: '49.90', taxRate: 7 as const },
  { description: 'Anfahrt', quantity: '1', unit: 'pauschal', unitPrice: '35.00', taxRate: 19 as const },
  // A discount line: written with a positive price and a negative quantity (BR-27).
  { description: 'Treuerabatt', quantity: '1', unit: 'pauschal', unitPrice: '-10.00', taxRate: 19 as const },
];

describe('e-invoices written at finalize', () => {
  let mixedId = '';

  it('mixed 19 % / 7 % with a 4-decimal unit price: CII passes the XSD, CII and UBL have no rule problems, archived once with sha256', async () => {
    const customer = await eCustomer();
    const invoice = await finalizeAndRender(customer.id, { lines: MIXED });
    mixedId = invoice.id;
    const docs = await archived(invoice.id);
    expect(docs.map((d) => d.kind)).toEqual(['einvoice_cii', 'einvoice_ubl']);
    for (const d of docs) {
      const bytes = await app.storage.get(d.storage_key);
      expect(sha256(bytes)).toBe(d.sha256);
      expect(d.storage_key).toContain(d.sha256);
    }
    const v = await validate(invoice.id);
    expect(v.xsd).toEqual([]);
    expect(v.cii).toEqual([]);
    expect(v.ubl).toEqual([]);
    // 3 × 1.2605 = 3.7815 → 3.78; the price keeps its four places.
    // 1.2605 per unit is written as 126.05 per 100 units (the library allows two places only).
    expect(v.ublXml).toMatch(/<cbc:PriceAmount currencyID="EUR">126\.05<\/cbc:PriceAmount>\s*<cbc:BaseQuantity>100<\/cbc:BaseQuantity>/);
    expect(v.ciiXml).toMatch(/<ram:ChargeAmount>126\.05<\/ram:ChargeAmount>\s*<ram:BasisQuantity[^>]*>100<\/ram:BasisQuantity>/);
    expect(v.ublXml).toContain('unitCode="HUR"');
    expect(v.ublXml).toContain('unitCode="LS"');
    expect(v.ublXml).toContain(`<cbc:PayableAmount currencyID="EUR">${invoice.grossTotal}</cbc:PayableAmount>`);
    expect(v.ciiXml).toContain('<ram:TypeCode>380</ram:TypeCode>');

    // Archived through the ORM: the audit trail records each file, by the worker.
    const audited = await sql<Array<{ entity_id: string; actor_label: string }>>(`select entity_id, actor_label from audit_log where entity_id in (?, ?) and action = 'create'`, docs.map((d) => d.id));
    expect(audited.map((a) => a.entity_id).sort()).toEqual(docs.map((d) => d.id).sort());
    // A second render changes nothing archived.
    await render(invoice.id);
    expect(await archived(invoice.id)).toEqual(docs);
  });

  it('the archived PDF is a Factur-X PDF/A-3: factur-x.xml embedded as /Alternative, XMP with pdfaid part 3 and the fx schema, sRGB OutputIntent, all fonts embedded', async () => {
    const pdf = await download(accountant, mixedId, 'facturx');
    expect(pdf.mimeType).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'facturx-'));
    try {
      const file = join(dir, 'invoice.pdf');
      writeFileSync(file, pdf.bytes);
      expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toMatch(/1: factur-x\.xml/);
      execFileSync('pdfdetach', ['-save', '1', '-o', join(dir, 'fx.xml'), file]);
      const embedded = readFileSync(join(dir, 'fx.xml'));
      // The PDF carries exactly the archived XRechnung CII.
      expect(sha256(embedded)).toBe((await archived(mixedId))[0]?.sha256);
      expect(xsdErrors(embedded)).toEqual([]);
      expect(ownRuleProblems(embedded)).toEqual([]);
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, join(dir, 'qdf.pdf')]);
      const qdf = readFileSync(join(dir, 'qdf.pdf')).toString('latin1');
      expect(qdf).toMatch(/\/AFRelationship\s*\/Alternative/);
      expect(qdf).toMatch(/\/AF\s*\[/);
      expect(qdf).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
      expect(qdf).toMatch(/xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"/);
      expect(qdf).toMatch(/\/OutputIntents/);
      expect(qdf).toMatch(/\/OutputConditionIdentifier\s*\(sRGB\)/);
      expect(qdf).toMatch(/\/DestOutputProfile/);
      expect(qdf).toContain('sRGB IEC61966-2.1'.slice(0, 4));
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
      expect(fonts.length).toBeGreaterThan(0);
      // Columns: name type encoding emb sub uni object ID; "emb" must be yes for every font.
      for (const line of fonts) expect(line.split(/\s+/).slice(-5)[0], line).toBe('yes');
      // An independent reader: our own inbox finds and reads the embedded invoice.
      const received = await uploadEInvoice(app, accountantToken, pdf.bytes, { name: 'rechnung.pdf' });
      expect(received.status).toBe(201);
      expect(received.body.invoice).toMatchObject({ format: 'facturx' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('§13b reverse charge: category AE with VATEX-EU-AE and both VAT IDs', async () => {
    const customer = await eCustomer({ vatId: 'ATU12345678', countryCode: 'AT', einvoiceFormat: 'xrechnung-ubl' });
    const invoice = await finalizeAndRender(customer.id, { reverseCharge: true });
    const v = await validate(invoice.id);
    expect(v.xsd).toEqual([]);
    expect(v.cii).toEqual([]);
    expect(v.ubl).toEqual([]);
    expect(v.ublXml).toMatch(/<cbc:ID>AE<\/cbc:ID>[\s\S]*<cbc:TaxExemptionReasonCode>VATEX-EU-AE<\/cbc:TaxExemptionReasonCode>/);
    expect(v.ublXml).toContain('ATU12345678');
    expect(v.ublXml).toContain('DE123456789');
  });

  it('a cancellation is a credit note 381 naming the cancelled invoice (BT-25, BT-26), amounts positive', async () => {
    const customer = await eCustomer({ einvoiceFormat: 'facturx' });
    const original = await finalizeAndRender(customer.id);
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: original.id, reason: 'Falsche Menge' });
    renderMs.push(await render(cancellation.id));
    const v = await validate(cancellation.id);
    expect(v.xsd).toEqual([]);
    expect(v.cii).toEqual([]);
    expect(v.ubl).toEqual([]);
    expect(v.ciiXml).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(v.ciiXml).toMatch(new RegExp(`<ram:InvoiceReferencedDocument>\\s*<ram:IssuerAssignedID>${original.number}</ram:IssuerAssignedID>`));
    expect(v.ublXml).toContain('<CreditNote');
    expect(v.ublXml).toMatch(new RegExp(`<cac:BillingReference>\\s*<cac:InvoiceDocumentReference>\\s*<cbc:ID>${original.number}</cbc:ID>\\s*<cbc:IssueDate>${original.issueDate}</cbc:IssueDate>`));
    expect(v.ublXml).toContain(`<cbc:PayableAmount currencyID="EUR">${original.grossTotal}</cbc:PayableAmount>`);
  });

  it('§19 UStG small business: category E with its exemption reason', async () => {
    await admin.core.settings.update.mutate({ smallBusiness: true });
    try {
      const customer = await eCustomer();
      const invoice = await finalizeAndRender(customer.id);
      expect(invoice.taxTotal).toBe('0.00');
      const v = await validate(invoice.id);
      expect(v.xsd).toEqual([]);
      expect(v.cii).toEqual([]);
      expect(v.ubl).toEqual([]);
      expect(v.ublXml).toMatch(/<cbc:ID>E<\/cbc:ID>\s*<cbc:Percent>0<\/cbc:Percent>\s*<cbc:TaxExemptionReason>Kein Ausweis von Umsatzsteuer, da Kleinunternehmer gemäß § 19 UStG<\/cbc:TaxExemptionReason>/);
    } finally {
      await admin.core.settings.update.mutate({ smallBusiness: false });
    }
  });

  it('a deliberately wrong total is caught: BR-CO-16', async () => {
    const ubl = await download(accountant, mixedId, 'xrechnung-ubl');
    const wrong = ubl.bytes.toString('utf8').replace(/<cbc:PayableAmount currencyID="EUR">([\d.]+)<\/cbc:PayableAmount>/, '<cbc:PayableAmount currencyID="EUR">1.00</cbc:PayableAmount>');
    expect(wrong).not.toBe(ubl.bytes.toString('utf8'));
    expect(ownRuleProblems(Buffer.from(wrong)).map((p) => p.rule)).toContain('BR-CO-16');
    const cii = await download(accountant, mixedId, 'xrechnung-cii');
    const wrongCii = cii.bytes.toString('utf8').replace(/<ram:DuePayableAmount>([\d.]+)<\/ram:DuePayableAmount>/, '<ram:DuePayableAmount>1.00</ram:DuePayableAmount>');
    expect(ownRuleProblems(Buffer.from(wrongCii)).map((p) => p.rule)).toContain('BR-CO-16');
  });

  it('a customer without e-invoice and incomplete data gets a plain PDF and no XML; the download says so', async () => {
    const customer = await eCustomer({ einvoiceFormat: 'none', email: null });
    const invoice = await finalizeAndRender(customer.id);
    expect(await archived(invoice.id)).toEqual([]);
    const refused = await errorOf(accountant.invoices.einvoice.query({ id: invoice.id, format: 'xrechnung-cii' }));
    expect(refused).toMatchObject({ code: 'NOT_FOUND', appCode: 'invoice.einvoice.notArchived' });
    const pdf = await accountant.invoices.pdf.query({ id: invoice.id });
    expect(pdf.status).toBe('ready');
    if (pdf.status === 'ready') expect(Buffer.from(pdf.contentBase64, 'base64').includes('factur-x.xml')).toBe(false);
  });
});

describe('finalize refuses what the chosen format lacks, naming the field, and changes nothing', () => {
  async function refusedDraft(customerExtra: Record<string, unknown>, options: Parameters<typeof draftInvoice>[2] = {}) {
    const customer = await eCustomer(customerExtra);
    const draft = await draftInvoice(accountant, customer.id, options);
    const error = await errorOf(accountant.invoices.finalize.mutate({ id: draft.id }));
    const after = await accountant.invoices.get.query({ id: draft.id });
    expect(after).toMatchObject({ status: 'draft', number: null, version: draft.version });
    return error;
  }

  it('a public customer without its Leitweg-ID', async () => {
    const error = await refusedDraft({ type: 'government', einvoiceFormat: 'xrechnung-ubl' });
    expect(error).toMatchObject({ code: 'BAD_REQUEST', appCode: 'invoice.notFinalizable' });
    expect(error.fieldIssues?.['customer.buyerReference']?.[0]?.code).toBe('invoice.einvoice.leitwegId');
    // With it, the same customer's invoice is finalized.
    const ok = await eCustomer({ type: 'government', einvoiceFormat: 'xrechnung-ubl', buyerReference: '04011000-12345-34', electronicAddress: '04011000-12345-34', electronicAddressScheme: '0204' });
    const invoice = await finalizeAndRender(ok.id);
    const v = await validate(invoice.id);
    expect(v.ublXml).toContain('<cbc:BuyerReference>04011000-12345-34</cbc:BuyerReference>');
    expect(v.ublXml).toContain('<cbc:EndpointID schemeID="0204">04011000-12345-34</cbc:EndpointID>');
  });

  it('a unit without a UN/ECE code, and a customer without any electronic address', async () => {
    const unit = await refusedDraft({}, { lines: [{ description: 'Leistung', quantity: '1', unit: 'Leistung', unitPrice: '10.00', taxRate: 19 }] });
    expect(unit.fieldIssues?.['lines.0.unit']?.[0]?.code).toBe('invoice.einvoice.unitCode');
    const address = await refusedDraft({ email: null });
    expect(address.fieldIssues?.['customer.electronicAddress']?.[0]?.code).toBe('invoice.einvoice.buyerElectronicAddress');
  });

  it('a country code that is not ISO 3166-1 alpha-2 is refused at its field', async () => {
    const error = await errorOf(eCustomer({ countryCode: 'Deutschland' }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(error.fieldIssues?.countryCode?.[0]?.code).toBe('field.countryCode');
  });

  it('§13b without the seller VAT ID (a tax number alone is enough for §14 UStG, not for AE)', async () => {
    await admin.core.settings.update.mutate({ vatId: null });
    try {
      const error = await refusedDraft({ vatId: 'ATU12345678', countryCode: 'AT' }, { reverseCharge: true });
      expect(error.fieldIssues?.['settings.vatId']?.[0]?.code).toBe('invoice.einvoice.sellerVatId');
    } finally {
      await admin.core.settings.update.mutate({ vatId: 'DE123456789' });
    }
  });

  it('the seller contact phone missing from the settings', async () => {
    await admin.core.settings.update.mutate({ contactPhone: null });
    try {
      const error = await refusedDraft({});
      expect(error.fieldIssues?.['settings.phone']?.[0]?.code).toBe('invoice.einvoice.sellerPhone');
    } finally {
      await admin.core.settings.update.mutate({ contactPhone: E_SELLER.contactPhone });
    }
  });
});

describe('downloading e-invoices', () => {
  it('HTTP GET /api/invoices/:id/einvoice/:format answers the archived file; a draft is 409, a user without invoices.read 403', async () => {
    const customer = await eCustomer();
    const invoice = await finalizeAndRender(customer.id);
    const [cii] = await archived(invoice.id);
    const res = await fetch(`${app.url}/api/invoices/${invoice.id}/einvoice/xrechnung-cii`, { headers: { authorization: `Bearer ${accountantToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/xml/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="Rechnung-.*-xrechnung-cii\.xml"/);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(cii?.sha256);
    const fx = await fetch(`${app.url}/api/invoices/${invoice.id}/einvoice/facturx`, { headers: { authorization: `Bearer ${accountantToken}` } });
    expect(fx.status).toBe(200);
    expect(fx.headers.get('content-type')).toBe('application/pdf');

    const forbidden = await fetch(`${app.url}/api/invoices/${invoice.id}/einvoice/xrechnung-cii`, { headers: { authorization: `Bearer ${employeeToken}` } });
    expect(forbidden.status).toBe(403);
    expect(await errorOf(employee.invoices.einvoice.query({ id: invoice.id, format: 'xrechnung-cii' }))).toMatchObject({ code: 'FORBIDDEN' });

    const draft = await draftInvoice(accountant, customer.id);
    const draftRes = await fetch(`${app.url}/api/invoices/${draft.id}/einvoice/xrechnung-ubl`, { headers: { authorization: `Bearer ${accountantToken}` } });
    expect(draftRes.status).toBe(409);
    expect(await draftRes.json()).toMatchObject({ appCode: 'invoice.einvoice.draft' });
    expect(await errorOf(accountant.invoices.einvoice.query({ id: draft.id, format: 'facturx' }))).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.einvoice.draft' });
    const badFormat = await fetch(`${app.url}/api/invoices/${invoice.id}/einvoice/pdf`, { headers: { authorization: `Bearer ${accountantToken}` } });
    expect(badFormat.status).toBe(400);
  });

  it('before the worker archived it the answer is "being rendered", as for the PDF', async () => {
    const customer = await eCustomer();
    const draft = await draftInvoice(accountant, customer.id);
    const invoice = await accountant.invoices.finalize.mutate({ id: draft.id });
    const pending = await accountant.invoices.einvoice.query({ id: invoice.id, format: 'xrechnung-ubl' });
    expect(['queued', 'rendering']).toContain(pending.status);
    const res = await fetch(`${app.url}/api/invoices/${invoice.id}/einvoice/xrechnung-ubl`, { headers: { authorization: `Bearer ${accountantToken}` } });
    expect(res.status).toBe(202);
    renderMs.push(await render(invoice.id));
    expect((await accountant.invoices.einvoice.query({ id: invoice.id, format: 'xrechnung-ubl' })).status).toBe('ready');
  });
});
