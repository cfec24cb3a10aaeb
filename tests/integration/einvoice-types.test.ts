import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEInvoiceXml } from '@workmate/db/purchases/parse-einvoice';
import { processRenderInvoicePdf } from '@workmate/worker/jobs/render-invoice-pdf';
import { PdfRenderer } from '@workmate/worker/pdf/renderer';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { ownRuleProblems, xsdErrors } from '../helpers/einvoice-check.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { draftInvoice, prepareInvoicing } from '../helpers/invoices.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * E-invoices of every finalized document type (issues 14 + 15): credit notes (381 + BT-25/26),
 * deposit invoices (326), final invoices (deposits taken back per rate, each referenced), in
 * each format a customer can choose — every document archives CII + UBL and a Factur-X PDF
 * carrying the CII. And what happens when an e-invoice cannot be written or fails our rules at
 * render time: the PDF is stored plain, once, and the job ends. A database of its own.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let renderer: PdfRenderer;
let admin: Client;
let accountant: Client;

const E_SELLER = { contactName: 'Erika Muster', contactPhone: '+49 30 1234567', contactEmail: 'rechnung@testfirma.example', electronicAddress: 'rechnung@testfirma.example', electronicAddressScheme: 'EM' as const, countryCode: 'DE' };
const FORMATS = ['xrechnung-cii', 'xrechnung-ubl', 'facturx'] as const;

beforeAll(async () => {
  db = await freshDatabase('workmate_einvtypes');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
  await admin.core.settings.update.mutate(E_SELLER);
  renderer = new PdfRenderer({ poolSize: 1 });
});
afterAll(async () => {
  await renderer?.close();
  await app?.close();
  await db?.drop();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function eCustomer(format: (typeof FORMATS)[number], extra: Record<string, unknown> = {}) {
  return admin.crm.customers.create.mutate({ name: unique('E-Kunde GmbH'), email: 'einkauf@kunde.example', street: 'Domstraße 5', zipCode: '50667', city: 'Köln', country: 'Deutschland', countryCode: 'DE', einvoiceFormat: format, ...extra });
}

const render = (invoiceId: string) => processRenderInvoicePdf(app.orm, app.storage, renderer, { invoiceId, draftVersion: null });

async function archivedKinds(invoiceId: string) {
  const rows = await sql<Array<{ kind: string }>>(`select kind from documents where entity = 'invoice' and entity_id = ? and kind like 'einvoice_%' order by kind`, [invoiceId]);
  return rows.map((r) => r.kind);
}

async function download(id: string, format: (typeof FORMATS)[number]) {
  const r = await accountant.invoices.einvoice.query({ id, format });
  if (r.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(r)}`);
  return Buffer.from(r.contentBase64, 'base64');
}

function embeddedXml(pdf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'facturx-'));
  try {
    writeFileSync(join(dir, 'invoice.pdf'), pdf);
    execFileSync('pdfdetach', ['-save', '1', '-o', join(dir, 'fx.xml'), join(dir, 'invoice.pdf')]);
    return readFileSync(join(dir, 'fx.xml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * All three files of a finalized document: CII (XSD + our rules), UBL (our rules), and the
 * Factur-X PDF embedding exactly the archived CII. Answers the CII and UBL as read back.
 */
async function checkAllFormats(id: string) {
  const cii = await download(id, 'xrechnung-cii');
  const ubl = await download(id, 'xrechnung-ubl');
  const embedded = embeddedXml(await download(id, 'facturx'));
  expect(xsdErrors(cii)).toEqual([]);
  expect(ownRuleProblems(cii)).toEqual([]);
  expect(ownRuleProblems(ubl)).toEqual([]);
  expect(sha256(embedded)).toBe(sha256(cii));
  return { cii: parseEInvoiceXml(new Uint8Array(cii)), ubl: parseEInvoiceXml(new Uint8Array(ubl)), ciiXml: cii.toString('utf8'), ublXml: ubl.toString('utf8') };
}

/** BT-25 as written: the IDs of the preceding invoice references in CII and UBL. */
const ciiRefs = (xml: string) => [...xml.matchAll(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>([^<]+)<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">(\d{8})</g)].map((m) => [m[1], m[2]]);
const ublRefs = (xml: string) => [...xml.matchAll(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>([^<]+)<\/cbc:ID>\s*<cbc:IssueDate>([\d-]+)</g)].map((m) => [m[1], (m[2] ?? '').replace(/-/g, '')]);

/** An accepted quote of 10,000.00 at 19 % and 2,500.00 at 7 % (VAT 1,900.00 + 175.00). */
async function acceptedQuote(customerId: string) {
  const quote = await draftInvoice(admin, customerId, {
    type: 'quote',
    lines: [
      { description: 'Montage', quantity: '1', unit: 'pauschal', unitPrice: '10000.00', taxRate: 19 },
      { description: 'Fachliteratur', quantity: '1', unit: 'pauschal', unitPrice: '2500.00', taxRate: 7 },
    ],
  });
  await admin.invoices.markSent.mutate({ id: quote.id });
  await admin.invoices.setStatus.mutate({ id: quote.id, status: 'accepted' });
  return quote;
}

describe.each(FORMATS)('every document type as an e-invoice, for a customer who chose %s', (format) => {
  it('a credit note is a 381 naming the corrected invoice (BT-25/26), with positive amounts', async () => {
    const customer = await eCustomer(format);
    // 10 × 95.00 at 19 % = 950.00 (VAT 180.50); 2 × 49.90 at 7 % = 99.80 (VAT 6.99).
    const original = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
    // Taken back: 2 h at 95.00 (190.00, VAT 36.10): gross 226.10.
    const draft = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, reason: 'Zwei Stunden zu viel', lines: [{ description: 'Beratung', quantity: '2', unit: 'Std.', unitPrice: '95.00', taxRate: 19 }] });
    const note = await accountant.invoices.finalize.mutate({ id: draft.id });
    expect(note.grossTotal).toBe('-226.10');
    expect(await render(note.id)).toMatchObject({ stored: true });
    expect(await archivedKinds(note.id)).toEqual(['einvoice_cii', 'einvoice_ubl']);
    const v = await checkAllFormats(note.id);
    for (const x of [v.cii, v.ubl]) {
      expect(x.typeCode).toBe('381');
      expect(x.number).toBe(note.number);
      expect(x.totals).toMatchObject({ net: '190.00', tax: '36.10', gross: '226.10', due: '226.10' });
      expect(x.lines.map((l) => [l.quantity, l.netAmount])).toEqual([['2', '190.00']]);
    }
    const ref = [original.number, (original.issueDate ?? '').replace(/-/g, '')];
    expect(ciiRefs(v.ciiXml)).toEqual([ref]);
    expect(ublRefs(v.ublXml)).toEqual([ref]);
  });

  it('deposit invoices are partial invoices (326); the final invoice lists the service, takes each deposit back per rate and references them', async () => {
    // The Factur-X customer writes English: the deposit lines' unit is then "lump sum" (LS).
    const customer = await eCustomer(format, format === 'facturx' ? { language: 'en' } : {});
    const quote = await acceptedQuote(customer.id);
    // 30 %: 3,000.00 at 19 % (570.00) + 750.00 at 7 % (52.50), gross 4,372.50.
    const first = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });
    // 1,567.83: 1,254.26 at 19 % (238.31) + 313.57 at 7 % (21.95), gross 1,828.09.
    const second = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, netAmount: '1567.83' })).id });
    for (const [deposit, gross] of [[first, '4372.50'], [second, '1828.09']] as const) {
      await render(deposit.id);
      const v = await checkAllFormats(deposit.id);
      for (const x of [v.cii, v.ubl]) {
        expect(x.typeCode).toBe('326');
        expect(x.totals.due).toBe(gross);
        expect(x.lines.every((l) => l.unitCode === 'LS')).toBe(true);
      }
    }
    const final = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.final.create.mutate({ quoteId: quote.id })).id });
    expect(final.grossTotal).toBe('8374.41');
    await render(final.id);
    const v = await checkAllFormats(final.id);
    for (const x of [v.cii, v.ubl]) {
      expect(x.typeCode).toBe('380');
      // The service, then per deposit and rate its net taken back.
      expect(x.lines.map((l) => [l.netAmount, l.taxRate])).toEqual([
        ['10000.00', '19'],
        ['2500.00', '7'],
        ['-3000.00', '19'],
        ['-750.00', '7'],
        ['-1254.26', '19'],
        ['-313.57', '7'],
      ]);
      // The VAT breakdown is the printed one: service − deposits per rate, VAT included.
      expect(x.taxRows.map((r) => [r.rate, r.netAmount, r.taxAmount])).toEqual([
        ['19', '5745.74', '1091.69'],
        ['7', '1436.43', '100.55'],
      ]);
      expect(x.totals).toMatchObject({ lineNet: '7182.17', net: '7182.17', tax: '1192.24', gross: '8374.41', prepaid: '0.00', due: '8374.41' });
    }
    const refs = [first, second].map((d) => [d.number, (d.issueDate ?? '').replace(/-/g, '')]);
    expect(ciiRefs(v.ciiXml)).toEqual(refs);
    expect(ublRefs(v.ublXml)).toEqual(refs);
  });

  it('the cancellation of a final invoice is a 381 mirroring it: the service and each deposit taken back, written positive', async () => {
    const customer = await eCustomer(format);
    const quote = await acceptedQuote(customer.id);
    // The same two deposits as above (4,372.50 and 1,828.09 gross) and the final invoice of 8,374.41.
    await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, percent: '30' })).id });
    await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, netAmount: '1567.83' })).id });
    const final = await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.final.create.mutate({ quoteId: quote.id })).id });
    const { cancellation } = await accountant.invoices.cancel.mutate({ id: final.id });
    expect(cancellation.grossTotal).toBe('-8374.41');
    await render(cancellation.id);
    const v = await checkAllFormats(cancellation.id);
    for (const x of [v.cii, v.ubl]) {
      expect(x.typeCode).toBe('381');
      expect(x.lines.map((l) => [l.netAmount, l.taxRate])).toEqual([['10000.00', '19'], ['2500.00', '7'], ['-3000.00', '19'], ['-750.00', '7'], ['-1254.26', '19'], ['-313.57', '7']]);
      expect(x.taxRows.map((r) => [r.rate, r.netAmount, r.taxAmount])).toEqual([['19', '5745.74', '1091.69'], ['7', '1436.43', '100.55']]);
      expect(x.totals).toMatchObject({ lineNet: '7182.17', net: '7182.17', tax: '1192.24', gross: '8374.41', due: '8374.41' });
    }
    const ref = [[final.number, (final.issueDate ?? '').replace(/-/g, '')]];
    expect(ciiRefs(v.ciiXml)).toEqual(ref);
    expect(ublRefs(v.ublXml)).toEqual(ref);
  });
});

describe('when the e-invoice cannot be made at render time, the PDF is stored plain and the job ends', () => {
  /** Changes a finalized document behind the application's back (the immutability trigger off for the moment). */
  async function tamper(table: 'invoices' | 'invoice_lines', trigger: string, statement: string, params: unknown[]) {
    await sql(`alter table ${table} disable trigger ${trigger}`);
    try {
      await sql(statement, params);
    } finally {
      await sql(`alter table ${table} enable trigger ${trigger}`);
    }
  }

  async function expectPlainPdfOnce(id: string, reason: RegExp, run = render) {
    const result = await run(id);
    expect(result).toMatchObject({ stored: true, einvoiceMissing: expect.stringMatching(reason) });
    expect(await archivedKinds(id)).toEqual([]);
    const pdf = await accountant.invoices.pdf.query({ id });
    expect(pdf.status).toBe('ready');
    if (pdf.status === 'ready') expect(Buffer.from(pdf.contentBase64, 'base64').includes('factur-x.xml')).toBe(false);
    expect(await errorOf(accountant.invoices.einvoice.query({ id, format: 'xrechnung-cii' }))).toMatchObject({ code: 'NOT_FOUND', appCode: 'invoice.einvoice.notArchived' });
    // Rendered once: a second run (a retry) has nothing left to do.
    expect(await render(id)).toEqual({ skipped: 'already archived' });
  }

  it('data that cannot be written (a unit without a UN/ECE code)', async () => {
    const customer = await eCustomer('xrechnung-cii');
    const invoice = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
    await tamper('invoice_lines', 'invoice_lines_immutable', `update invoice_lines set unit = 'Fass' where invoice_id = ?`, [invoice.id]);
    await expectPlainPdfOnce(invoice.id, /^incomplete: lines\.0\.unit/);
  });

  it('an XML our rules find wrong (a VAT total that is not the sum of its rows: BR-CO-14)', async () => {
    const customer = await eCustomer('facturx');
    const invoice = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
    await tamper('invoices', 'invoices_immutable', `update invoices set tax_total = tax_total + 0.01, gross_total = gross_total + 0.01 where id = ?`, [invoice.id]);
    await expectPlainPdfOnce(invoice.id, /^invalid: BR-CO-14/);
  });

  it('a PDF the Factur-X step cannot take: nothing is archived, not even the XML', async () => {
    const customer = await eCustomer('facturx');
    const invoice = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
    // A renderer whose output is no PDF at all: the Factur-X library cannot load it.
    const broken = { render: async () => Buffer.from('kein PDF') } as unknown as PdfRenderer;
    await expectPlainPdfOnce(invoice.id, /^not writable: /, (id) => processRenderInvoicePdf(app.orm, app.storage, broken, { invoiceId: id, draftVersion: null }));
  });
});

describe('finalize refuses, naming the field, what would make an invalid e-invoice', () => {
  it('a credit note line whose unit has no UN/ECE code', async () => {
    const customer = await eCustomer('xrechnung-ubl');
    const original = await accountant.invoices.finalize.mutate({ id: (await draftInvoice(accountant, customer.id)).id });
    const draft = await accountant.invoices.creditNotes.create.mutate({ invoiceId: original.id, lines: [{ description: 'Nachlass', quantity: '1', unit: 'Leistung', unitPrice: '10.00', taxRate: 19 }] });
    const error = await errorOf(accountant.invoices.finalize.mutate({ id: draft.id }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', appCode: 'invoice.notFinalizable' });
    expect(error.fieldIssues?.['lines.0.unit']?.[0]?.code).toBe('invoice.einvoice.unitCode');
    expect(await accountant.invoices.get.query({ id: draft.id })).toMatchObject({ status: 'draft', number: null });
  });

  it('a final invoice whose VAT left after the deposits is a cent off net × rate (BR-CO-17); without e-invoice it is finalized', async () => {
    async function finalDraft(format: (typeof FORMATS)[number] | 'none') {
      const customer = await admin.crm.customers.create.mutate({ name: unique('Bau GmbH'), email: 'bau@kunde.example', street: 'Weg 1', zipCode: '50667', city: 'Köln', countryCode: 'DE', einvoiceFormat: format });
      const quote = await draftInvoice(admin, customer.id, { type: 'quote', lines: [{ description: 'Rohbau', quantity: '1', unit: 'pauschal', unitPrice: '10000.00', taxRate: 19 }] });
      await admin.invoices.markSent.mutate({ id: quote.id });
      await admin.invoices.setStatus.mutate({ id: quote.id, status: 'accepted' });
      // Deposit 1,234.50 at 19 %: VAT 234.555 → 234.56.
      await accountant.invoices.finalize.mutate({ id: (await accountant.invoices.deposits.create.mutate({ quoteId: quote.id, netAmount: '1234.50' })).id });
      const draft = await accountant.invoices.final.create.mutate({ quoteId: quote.id });
      // Left: 8,765.50 with VAT 1,900.00 − 234.56 = 1,665.44 (8,765.50 × 19 % would be 1,665.45).
      expect(draft.taxBreakdown).toEqual([{ taxRate: 19, netAmount: '8765.50', taxAmount: '1665.44' }]);
      return draft;
    }
    const refused = await finalDraft('xrechnung-ubl');
    const error = await errorOf(accountant.invoices.finalize.mutate({ id: refused.id }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', appCode: 'invoice.notFinalizable' });
    expect(error.fieldIssues?.['lines']?.[0]?.code).toBe('invoice.einvoice.finalVatRounding');
    expect(await accountant.invoices.get.query({ id: refused.id })).toMatchObject({ status: 'draft', number: null });
    // A customer without e-invoice gets the final invoice as printed (a plain PDF, no XML).
    const plain = await accountant.invoices.finalize.mutate({ id: (await finalDraft('none')).id });
    expect(plain).toMatchObject({ status: 'finalized', grossTotal: '10430.94' });
    await render(plain.id);
    expect(await archivedKinds(plain.id)).toEqual([]);
  });
});
