import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { storedFileCount } from '../helpers/documents.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { sampleFacturX, samplePlainPdf, sampleXml, uploadEInvoice, type EInvoiceAnswer } from '../helpers/einvoices.ts';
import { testEnv } from '../helpers/env.ts';
import { errorOf, userWithRole } from '../helpers/users.ts';

/**
 * E-invoices in: XRechnung UBL / CII and ZUGFeRD / Factur-X PDFs uploaded to
 * POST /api/purchases/einvoices become a supplier and a supplier invoice (draft) with exact
 * amounts; duplicates, broken sums and files that are no e-invoice are refused with a code and
 * leave nothing behind; approving books one expense per VAT rate.
 */
type User = Awaited<ReturnType<typeof userWithRole>>;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let accountant: User;
let employee: User;
let auditor: User;

// A storage folder and a database of this file's own, so the counts of what an upload leaves
// behind only see this file's uploads, not those of a file running beside it.
const filesDir = join(testEnv().filesDir, 'einvoice-in-test');

beforeAll(async () => {
  db = await freshDatabase('workmate_einvoice_in');
  app = await startTestApp({ FILES_DIR: filesDir }, { databaseUrl: db.databaseUrl });
  accountant = await userWithRole(app, 'Accountant');
  employee = await userWithRole(app, 'Employee');
  auditor = await userWithRole(app, 'Auditor');
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A VAT ID of this test's own, so suppliers never collide with other runs or files. */
const vatId = () => `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

function created(answer: EInvoiceAnswer) {
  if (answer.status !== 201 || !answer.body.invoice) throw new Error(`upload failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.invoice;
}

/** Everything an upload could leave behind. */
async function state() {
  const [row] = await sql<Array<{ invoices: string; suppliers: string; docs: string; rows: string }>>(
    `select (select count(*) from supplier_invoices) as invoices, (select count(*) from suppliers) as suppliers,
            (select count(*) from documents where kind = 'einvoice') as docs, (select count(*) from supplier_invoice_tax_rows) as rows`,
  );
  return { invoices: Number(row?.invoices), suppliers: Number(row?.suppliers), docs: Number(row?.docs), rows: Number(row?.rows), files: storedFileCount(filesDir) + storedFiles() };
}
/** Originals are stored under einvoices/ (storedFileCount counts uploads/ and .incoming/). */
function storedFiles(): number {
  const count = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(dir, e.name)) : 1), 0);
  return existsSync(join(filesDir, 'einvoices')) ? count(join(filesDir, 'einvoices')) : 0;
}

const EXPECTED_TAX_ROWS = [
  { category: 'S', rate: '19', netAmount: '1000.00', taxAmount: '190.00' },
  { category: 'S', rate: '7', netAmount: '99.99', taxAmount: '7.00' },
];

describe('receiving e-invoices', () => {
  it.each([
    ['UBL', 'ubl', () => 'XRECHNUNG-UBL' as const],
    ['CII', 'cii', () => 'XRECHNUNG-CII' as const],
  ])('reads an XRechnung in %s syntax to the exact amounts and creates supplier and draft, audited', async (_label, format, which) => {
    const vat = vatId();
    const number = `LI-${randomUUID().slice(0, 8)}`;
    const bytes = await sampleXml(which(), { number, vatId: vat, sellerName: `Lieferant ${vat}` });
    const inv = created(await uploadEInvoice(app, accountant.token, bytes, { name: `${number}.xml` }));
    const detail = await accountant.client.purchases.inbox.get.query({ id: inv.id });
    expect(detail).toMatchObject({
      invoiceNumber: number,
      typeCode: '380',
      status: 'draft',
      format,
      issueDate: '2026-11-20',
      dueDate: '2026-12-04',
      currency: 'EUR',
      buyerReference: '04011000-12345-34',
      netAmount: '1099.99',
      taxAmount: '197.00',
      grossAmount: '1296.99',
      dueAmount: '1296.99',
      totals: { lineNet: '1099.99', net: '1099.99', tax: '197.00', gross: '1296.99', prepaid: '0.00', due: '1296.99' },
      supplierDetails: { name: `Lieferant ${vat}`, street: 'Lagerweg 5', zip: '50667', city: 'Köln', countryCode: 'DE', vatId: vat, iban: 'DE02120300000000202051', electronicAddress: 'rechnung@lieferant.example', electronicAddressScheme: 'EM' },
      original: { sha256: sha(bytes), sizeBytes: bytes.length, fileName: `${number}.xml`, mimeType: 'application/xml' },
      expenses: [],
    });
    expect(detail.taxRows).toEqual(EXPECTED_TAX_ROWS);
    expect(detail.lines.map((l) => [l.description, l.quantity, l.unitCode, l.netAmount, l.taxRate])).toEqual([
      ['Montage', '10', 'HUR', '1000.00', '19'],
      ['Fachbuch', '3', 'C62', '99.99', '7'],
    ]);
    // Stored as exact numerics, never floats.
    const [row] = await sql<Array<{ net: string; gross: string }>>('select net_amount::text as net, gross_amount::text as gross from supplier_invoices where id = ?', [inv.id]);
    expect(row).toEqual({ net: '1099.99', gross: '1296.99' });
    const audit = await sql<Array<{ entity: string }>>(`select entity from audit_log where action = 'create' and actor_id = ? and (entity_id = ? or entity_id = ? or changes->'supplierInvoice'->>'after' = ?)`, [accountant.employee.id, inv.id, detail.supplier.id, inv.id]);
    expect(audit.map((a) => a.entity).sort()).toEqual(['supplier', 'supplierInvoice', 'supplierInvoiceTaxRow', 'supplierInvoiceTaxRow']);
    // The original comes back unchanged.
    const res = await fetch(`${app.url}${detail.original.downloadUrl}`, { headers: { authorization: `Bearer ${accountant.token}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('reads a ZUGFeRD / Factur-X PDF through its embedded factur-x.xml, and a raw-body upload', async () => {
    const vat = vatId();
    const pdf = await sampleFacturX({ number: `FX-${vat}`, vatId: vat });
    const inv = created(await uploadEInvoice(app, accountant.token, pdf, { name: 'rechnung.pdf', raw: true }));
    const detail = await accountant.client.purchases.inbox.get.query({ id: inv.id });
    expect(detail).toMatchObject({ format: 'facturx', invoiceNumber: `FX-${vat}`, netAmount: '1099.99', taxAmount: '197.00', grossAmount: '1296.99', original: { mimeType: 'application/pdf', sha256: sha(pdf), fileName: 'rechnung.pdf' } });
    expect(detail.taxRows).toEqual(EXPECTED_TAX_ROWS);
    const res = await fetch(`${app.url}${detail.original.downloadUrl}`, { headers: { authorization: `Bearer ${accountant.token}` } });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('reuses the supplier with the same VAT ID and refuses the same invoice number again (409), storing nothing new', async () => {
    const vat = vatId();
    const number = `DUP-${vat}`;
    const first = created(await uploadEInvoice(app, accountant.token, await sampleXml('UBL', { number, vatId: vat })));
    const second = created(await uploadEInvoice(app, accountant.token, await sampleXml('CII', { number: `${number}-2`, vatId: vat })));
    const [a, b] = await Promise.all([first, second].map((i) => accountant.client.purchases.inbox.get.query({ id: i.id })));
    expect(a?.supplier.id).toBe(b?.supplier.id);
    const before = await state();
    for (const again of [await sampleXml('UBL', { number, vatId: vat }), await sampleXml('CII', { number, vatId: vat }), await sampleFacturX({ number, vatId: vat })]) {
      const answer = await uploadEInvoice(app, accountant.token, again);
      expect(answer.status).toBe(409);
      expect(answer.body.error?.data?.appCode).toBe('einvoice.duplicate');
      expect(answer.body.error?.message).toContain(number);
    }
    expect(await state()).toEqual(before);
    expect(await sql('select id from suppliers where vat_id = ?', [vat])).toHaveLength(1);
  });
});

describe('suppliers, duplicates at once, credit notes', () => {
  it('matches a supplier without a VAT ID by name and country', async () => {
    const name = `Kleinunternehmer ${randomUUID().slice(0, 8)}`;
    const withoutVat = async (number: string) => Buffer.from((await sampleXml('UBL', { number, sellerName: name })).toString('utf8').replace(/<cac:PartyTaxScheme>[\s\S]*?<\/cac:PartyTaxScheme>/, ''));
    const a = created(await uploadEInvoice(app, accountant.token, await withoutVat(`${name}-1`)));
    const b = created(await uploadEInvoice(app, accountant.token, await withoutVat(`${name}-2`)));
    const [da, db] = await Promise.all([a, b].map((i) => accountant.client.purchases.inbox.get.query({ id: i.id })));
    expect(da?.supplierDetails.vatId).toBeNull();
    expect(da?.supplier.id).toBe(db?.supplier.id);
    expect(await sql('select id from suppliers where name = ?', [name])).toHaveLength(1);
  });

  it('two uploads of the same invoice at once: one is stored, the other refused with 409', async () => {
    const bytes = await sampleXml('CII', { vatId: vatId() });
    const before = await state();
    const answers = await Promise.all([uploadEInvoice(app, accountant.token, bytes), uploadEInvoice(app, accountant.token, bytes)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const after = await state();
    expect([after.invoices - before.invoices, after.suppliers - before.suppliers, after.docs - before.docs, after.files - before.files]).toEqual([1, 1, 1, 1]);
  });

  it('reads a UBL credit note (381); it is not booked as expenses on approval', async () => {
    const invoiceXml = (await sampleXml('UBL', { vatId: vatId() })).toString('utf8');
    const creditNote = invoiceXml
      .replace(/<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/, '<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"')
      .replace('</Invoice>', '</CreditNote>')
      .replace(/<cbc:InvoiceTypeCode>380<\/cbc:InvoiceTypeCode>/, '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>')
      .replace(/cac:InvoiceLine>/g, 'cac:CreditNoteLine>')
      .replace(/cbc:InvoicedQuantity/g, 'cbc:CreditedQuantity');
    const inv = created(await uploadEInvoice(app, accountant.token, Buffer.from(creditNote)));
    const detail = await accountant.client.purchases.inbox.get.query({ id: inv.id });
    expect(detail).toMatchObject({ typeCode: '381', format: 'ubl', grossAmount: '1296.99' });
    expect(detail.lines.map((l) => l.quantity)).toEqual(['10', '3']);
    expect((await errorOf(accountant.client.purchases.inbox.approve.mutate({ id: inv.id }))).appCode).toBe('supplierInvoice.creditNoteNotBookable');
    expect((await accountant.client.purchases.inbox.get.query({ id: inv.id })).status).toBe('draft');
  });
});

describe('refused files', () => {
  const wrong = async (find: RegExp, replace: string, format: 'UBL' | 'CII' = 'UBL') => Buffer.from((await sampleXml(format, { vatId: vatId() })).toString('utf8').replace(find, replace));

  it.each([
    ['a wrong amount due (UBL)', 'BR-CO-16', () => wrong(/<cbc:PayableAmount currencyID="EUR">1296.99</, '<cbc:PayableAmount currencyID="EUR">1296.90<')],
    ['a wrong amount due (CII)', 'BR-CO-16', () => wrong(/<ram:DuePayableAmount>1296.99</, '<ram:DuePayableAmount>1300.00<', 'CII')],
    ['a wrong gross total (CII)', 'BR-CO-15', () => wrong(/<ram:GrandTotalAmount>1296.99</, '<ram:GrandTotalAmount>1297.99<', 'CII')],
    ['lines that do not add up (UBL)', 'BR-CO-10', () => wrong(/<cbc:LineExtensionAmount currencyID="EUR">99.99</, '<cbc:LineExtensionAmount currencyID="EUR">98.99<')],
    ['a VAT breakdown that does not add up (UBL)', 'BR-CO-14', () => wrong(/<cbc:TaxAmount currencyID="EUR">7.00</, '<cbc:TaxAmount currencyID="EUR">8.00<')],
  ])('%s is refused naming rule %s, nothing stored', async (_what, rule, make) => {
    const before = await state();
    const answer = await uploadEInvoice(app, accountant.token, await make());
    expect(answer.status).toBe(400);
    expect(answer.body.error?.data?.appCode).toBe('einvoice.rule');
    expect(answer.body.error?.data?.params?.rule).toBe(rule);
    expect(answer.body.error?.message).toContain(rule);
    expect(await state()).toEqual(before);
  });

  const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&lol9;</cbc:ID></Invoice>`;
  const XXE = `<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&xxe;</cbc:ID></Invoice>`;

  it.each([
    ['text that is not XML', 'einvoice.unsupportedFile', async () => Buffer.from('Hallo, hier ist keine Rechnung.')],
    ['broken XML', 'einvoice.notXml', async () => Buffer.from('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</Invoice>')],
    ['XML of another kind', 'einvoice.unknownRoot', async () => Buffer.from('<?xml version="1.0"?><order xmlns="urn:example:order"><id>1</id></order>')],
    ['a plain PDF', 'einvoice.pdfWithoutInvoice', samplePlainPdf],
    ['a CII invoice in USD', 'einvoice.currency', () => sampleXml('CII', { vatId: vatId(), currency: 'USD' })],
    ['billion-laughs entity XML', 'einvoice.doctype', async () => Buffer.from(BILLION_LAUGHS)],
    ['an external entity (XXE)', 'einvoice.doctype', async () => Buffer.from(XXE)],
    ['an invoice without its number', 'einvoice.missingField', async () => Buffer.from((await sampleXml('UBL', { vatId: vatId(), number: 'WEG-1' })).toString('utf8').replace('<cbc:ID>WEG-1</cbc:ID>', ''))],
  ])('%s: a coded 400, nothing stored, the API still answers', async (_what, code, make) => {
    const before = await state();
    const answer = await uploadEInvoice(app, accountant.token, await make());
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error?.data?.appCode).toBe(code);
    expect(await state()).toEqual(before);
    // The server still answers (a crash would take the in-process API, and this file, down).
    expect((await accountant.client.purchases.inbox.list.query({ pageSize: 1 })).page).toBe(1);
  });

  it('names the missing field and the wrong currency', async () => {
    const noNumber = Buffer.from((await sampleXml('CII', { vatId: vatId(), number: 'WEG-2' })).toString('utf8').replace(/<ram:ID>WEG-2<\/ram:ID>/, ''));
    expect((await uploadEInvoice(app, accountant.token, noNumber)).body.error?.message).toContain('invoice number (BT-1)');
    expect((await uploadEInvoice(app, accountant.token, await sampleXml('UBL', { vatId: vatId(), currency: 'CHF' }))).body.error?.message).toBe('Only invoices in EUR can be received, not CHF');
  });

  it('refuses a file over the size limit with 413 and an empty one with 400', async () => {
    const before = await state();
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    const answer = await uploadEInvoice(app, accountant.token, big, { raw: true });
    expect(answer.status).toBe(413);
    expect(answer.body.error?.data?.appCode).toBe('upload.tooLarge');
    expect(answer.body.error?.message).toBe('The file is larger than 20 MB');
    expect((await uploadEInvoice(app, accountant.token, Buffer.alloc(0), { raw: true })).status).toBe(400);
    // Under the file limit but an XML far larger than any e-invoice: refused before it is parsed.
    const padded = Buffer.from((await sampleXml('UBL', { vatId: vatId() })).toString('utf8').replace('<cbc:ID>', `<!-- ${'x'.repeat(6 * 1024 * 1024)} --><cbc:ID>`));
    const xml = await uploadEInvoice(app, accountant.token, padded);
    expect([xml.status, xml.body.error?.data?.appCode]).toEqual([400, 'einvoice.xmlTooLarge']);
    expect(await state()).toEqual(before);
  });
});

describe('permissions', () => {
  it('needs purchases.write to upload and purchases.read to see the inbox', async () => {
    const before = await state();
    const answer = await uploadEInvoice(app, employee.token, await sampleXml('UBL', { vatId: vatId() }));
    expect(answer.status).toBe(403);
    expect(answer.body.error?.data?.appCode).toBe('auth.permissionMissing');
    expect(await state()).toEqual(before);
    expect((await errorOf(employee.client.purchases.inbox.list.query({}))).code).toBe('FORBIDDEN');
    // The auditor reads (purchases.read through *.read) but may neither upload nor decide.
    await auditor.client.purchases.inbox.list.query({});
    expect((await uploadEInvoice(app, auditor.token, await sampleXml('UBL', { vatId: vatId() }))).status).toBe(403);
    const inv = created(await uploadEInvoice(app, accountant.token, await sampleXml('UBL', { vatId: vatId() })));
    expect((await errorOf(auditor.client.purchases.inbox.approve.mutate({ id: inv.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(employee.client.purchases.inbox.reject.mutate({ id: inv.id }))).code).toBe('FORBIDDEN');
    const original = await fetch(`${app.url}/api/purchases/einvoices/${inv.id}/original`, { headers: { authorization: `Bearer ${employee.token}` } });
    expect(original.status).toBe(403);
    expect((await accountant.client.purchases.inbox.get.query({ id: inv.id })).status).toBe('draft');
  });
});

describe('approving and rejecting', () => {
  it('approve books one expense per VAT rate with the invoice’s amounts, linked back, audited; only once', async () => {
    const inv = created(await uploadEInvoice(app, accountant.token, await sampleXml('CII', { vatId: vatId() })));
    const approved = await accountant.client.purchases.inbox.approve.mutate({ id: inv.id, version: 1 });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { id: accountant.employee.id } });
    expect(approved.expenses.map(({ taxRate, netAmount, taxAmount, grossAmount }) => ({ taxRate, netAmount, taxAmount, grossAmount }))).toEqual([
      { taxRate: 19, netAmount: '1000.00', taxAmount: '190.00', grossAmount: '1190.00' },
      { taxRate: 7, netAmount: '99.99', taxAmount: '7.00', grossAmount: '106.99' },
    ]);
    const rows = await sql<Array<{ employee_id: string; expense_date: string; supplier_invoice_id: string }>>('select employee_id, expense_date::text, supplier_invoice_id from expenses where supplier_invoice_id = ?', [inv.id]);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.employee_id === accountant.employee.id && r.expense_date === '2026-11-20')).toBe(true);
    const expense = await accountant.client.finance.expenses.get.query({ id: approved.expenses[0]?.id ?? '' });
    expect(expense).toMatchObject({ grossAmount: '1190.00', taxRate: 19, supplierInvoiceId: inv.id });
    const audit = await sql<Array<{ action: string; entity: string }>>(`select action, entity from audit_log where actor_id = ? and (entity_id = ? or entity_id in (?))`, [accountant.employee.id, inv.id, approved.expenses.map((e) => e.id)]);
    expect(audit.filter((a) => a.entity === 'expense' && a.action === 'create')).toHaveLength(2);
    expect(audit.some((a) => a.entity === 'supplierInvoice' && a.action === 'update')).toBe(true);
    const again = await errorOf(accountant.client.purchases.inbox.approve.mutate({ id: inv.id }));
    expect([again.code, again.appCode]).toEqual(['CONFLICT', 'supplierInvoice.notDraft']);
    expect(await sql('select id from expenses where supplier_invoice_id = ?', [inv.id])).toHaveLength(2);
  });

  it('reject keeps the reason and books nothing; a rejected invoice cannot be approved; a stale version is refused', async () => {
    const inv = created(await uploadEInvoice(app, accountant.token, await sampleXml('UBL', { vatId: vatId() })));
    expect((await errorOf(accountant.client.purchases.inbox.reject.mutate({ id: inv.id, version: 7 }))).appCode).toBe('record.staleVersion');
    const rejected = await accountant.client.purchases.inbox.reject.mutate({ id: inv.id, reason: 'Nicht bestellt' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Nicht bestellt', expenses: [] });
    expect((await errorOf(accountant.client.purchases.inbox.approve.mutate({ id: inv.id }))).appCode).toBe('supplierInvoice.notDraft');
    expect(await sql('select id from expenses where supplier_invoice_id = ?', [inv.id])).toHaveLength(0);
    const list = await accountant.client.purchases.inbox.list.query({ status: 'rejected', pageSize: 200 });
    expect(list.items.some((i) => i.id === inv.id)).toBe(true);
    const drafts = await accountant.client.purchases.inbox.list.query({ status: 'draft', pageSize: 200 });
    expect(drafts.items.some((i) => i.id === inv.id)).toBe(false);
  });
});
