import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeInvoicePdf } from '@workmate/db/invoices/pdf';
import { MAX_UPLOAD_BYTES } from '@workmate/domain/schemas/documents';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { download, files, sessionCookieOf, storedFileCount, upload, type UploadAnswer } from '../helpers/documents.ts';
import { testEnv } from '../helpers/env.ts';
import { finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, errorOf, unique, userWithRole } from '../helpers/users.ts';
import { until } from '../helpers/worker.ts';

/**
 * Documents: uploads (size limit, type by content, duplicates, versions, links), downloads,
 * confidential documents and their access trail, anti-forgery, and the tRPC procedures.
 */
type User = Awaited<ReturnType<typeof userWithRole>>;
let app: TestApp;
let owner: User;
let colleague: User;
let accountant: User;
let admin: User;
let auditor: User;

// A storage folder of this file's own: the counts of stored files below must not see the files
// that test files running beside it store (chat attachments, receipts).
const filesDir = join(testEnv().filesDir, 'documents-test');

beforeAll(async () => {
  app = await startTestApp({ FILES_DIR: filesDir });
  owner = await userWithRole(app, 'Employee');
  colleague = await userWithRole(app, 'Employee');
  accountant = await userWithRole(app, 'Accountant');
  admin = await userWithRole(app, 'Admin');
  auditor = await userWithRole(app, 'Auditor');
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function created(answer: UploadAnswer) {
  if (!answer.body.document) throw new Error(`upload failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.document;
}

/** Everything an upload could leave behind: upload rows, version rows, files on disk, audit rows of the test users. */
async function state() {
  const ids = [owner, colleague, accountant, admin, auditor].map((u) => u.employee.id);
  // Only this file's users' uploads: other test files upload at the same time.
  const [row] = await sql<Array<{ docs: string; versions: string; audits: string }>>(
    `select (select count(*) from documents where kind = 'upload' and owner_id in (?)) as docs,
            (select count(*) from document_versions v join documents d on d.id = v.document_id where d.kind = 'upload' and d.owner_id in (?)) as versions,
            (select count(*) from audit_log where actor_id in (?)) as audits`,
    [ids, ids, ids],
  );
  return { docs: Number(row?.docs), versions: Number(row?.versions), audits: Number(row?.audits), files: storedFileCount(filesDir) };
}

const accessRows = (id: string) =>
  sql<Array<{ actor_id: string; entity: string; changes: { access: { before: unknown; after: string } } }>>(`select actor_id, entity, changes from audit_log where action = 'access' and entity_id = ? order by id`, [id]);

describe('uploads', () => {
  it('stores a small valid file under a server-made key, with its sha256 and cleaned name, audited', async () => {
    const bytes = files.png();
    const doc = created(await upload(app, owner.token, bytes, { name: '../../etc/Quittung.pdf', type: 'application/pdf', fields: { title: 'Quittung', category: 'Belege' } }));
    expect(doc).toMatchObject({ mimeType: 'image/png', fileName: 'Quittung.pdf', sha256: sha(bytes), sizeBytes: bytes.length, version: 1, title: 'Quittung', confidential: false });
    const [row] = await sql<Array<{ storage_key: string; owner_id: string }>>('select storage_key, owner_id from documents where id = ?', [doc.id]);
    expect(row?.storage_key).toMatch(/^uploads\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(row?.owner_id).toBe(owner.employee.id);
    expect(readFileSync(join(filesDir, row?.storage_key ?? '-'))).toEqual(bytes);
    const audit = await sql<Array<{ entity: string }>>(`select entity from audit_log where action = 'create' and actor_id = ? and (entity_id = ? or changes->'document'->>'after' = ?)`, [owner.employee.id, doc.id, doc.id]);
    expect(audit.map((a) => a.entity).sort()).toEqual(['documentVersion', 'storedDocument']);
  });

  it('stores files readable by the app only: files 0600, their folders up to the storage folder 0700, .data closed to others', async () => {
    const mode = (path: string) => statSync(path).mode & 0o777;
    const root = filesDir;
    const doc = created(await upload(app, owner.token, files.pdf(), { fields: { title: 'Rechte' } }));
    await prepareInvoicing(admin.client);
    const invoice = await finalizedInvoice(admin.client, (await invoiceCustomer(admin.client)).id);
    const { documentId } = await storeInvoicePdf(app.orm.em.fork(), app.storage, { invoiceId: invoice.id, draftVersion: null, pdf: files.pdf() });
    const rows = await sql<Array<{ storage_key: string }>>('select storage_key from documents where id in (?, ?)', [doc.id, documentId]);
    expect(rows).toHaveLength(2);
    for (const { storage_key: key } of rows) {
      expect(mode(join(root, key)).toString(8), key).toBe('600');
      for (let dir = dirname(join(root, key)); dir.length >= root.length; dir = dirname(dir)) expect(mode(dir).toString(8), dir).toBe('700');
    }
    // As root, Postgres (the postgres user) must pass through .data into .data/test-pg: 0711, never readable.
    const data = resolve(import.meta.dirname, '../../.data');
    expect(mode(data).toString(8)).toBe(process.getuid?.() === 0 ? '711' : '700');
  });

  it('refuses a file one byte over 50 MB with 413 naming file, and stores nothing; exactly 50 MB is accepted', async () => {
    const before = await state();
    const over = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    over.write('%PDF-1.4\n');
    const refused = await upload(app, owner.token, over);
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fieldErrors: { file: [expect.stringContaining('50 MB')] } });
    // A declared length far past the limit is refused before the body is read.
    const huge = Buffer.alloc(MAX_UPLOAD_BYTES + 2 * 1024 * 1024);
    expect((await upload(app, owner.token, huge)).status).toBe(413);
    expect(await state()).toEqual(before);
    const exact = Buffer.alloc(MAX_UPLOAD_BYTES);
    exact.write(`%PDF-1.4\n% ${unique('exact')}\n`);
    const accepted = await upload(app, owner.token, exact);
    expect(accepted.status).toBe(201);
    expect(created(accepted).sizeBytes).toBe(MAX_UPLOAD_BYTES);
  });

  it('streams an upload to a temporary file, and an interrupted one leaves nothing behind', async () => {
    const before = await state();
    const boundary = `b${randomUUID()}`;
    const req = request(`${app.url}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="halb.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    req.write(Buffer.alloc(1024 * 1024));
    await until(async () => storedFileCount(filesDir) > before.files, 'the temporary file', 10_000);
    req.destroy();
    await until(async () => JSON.stringify(await state()) === JSON.stringify(before), 'the temporary file to go', 10_000);
  });

  it('tells the type by content: executables named invoice.pdf are refused, a PNG named x.pdf is a PNG', async () => {
    const before = await state();
    for (const bytes of [files.elf(), files.exe(), files.zip(), Buffer.from('just text, named like a PDF')]) {
      const answer = await upload(app, owner.token, bytes, { name: 'invoice.pdf', type: 'application/pdf' });
      expect(answer.status).toBe(415);
      expect(answer.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(Object.keys(answer.body.error?.fieldErrors ?? {})).toEqual(['file']);
    }
    expect(await state()).toEqual(before);
    const kinds = [
      [files.png(), 'x.pdf', 'image/png'],
      [files.pdf(), 'scan.png', 'application/pdf'],
      [files.jpeg(), 'foto.pdf', 'image/jpeg'],
      [files.docx(), 'brief.bin', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [files.xlsx(), 'tabelle', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const;
    for (const [bytes, name, mime] of kinds) {
      const answer = await upload(app, owner.token, bytes, { name, type: 'application/octet-stream' });
      expect([answer.status, answer.body.document?.mimeType]).toEqual([201, mime]);
    }
  });

  it('returns the existing document for the same content by the same owner; another owner gets a new one', async () => {
    const bytes = files.pdf();
    const first = created(await upload(app, owner.token, bytes, { name: 'a.pdf' }));
    const before = await state();
    const again = await upload(app, owner.token, bytes, { name: 'b.pdf' });
    expect([again.status, again.body.duplicate, again.body.document?.id]).toEqual([200, true, first.id]);
    expect(await state()).toEqual(before);
    const other = await upload(app, colleague.token, bytes, { name: 'a.pdf' });
    expect([other.status, other.body.duplicate]).toEqual([201, false]);
    expect(other.body.document?.id).not.toBe(first.id);
    // Once deleted, the same content is a new document again.
    await owner.client.documents.delete.mutate({ id: first.id });
    expect((await upload(app, owner.token, bytes)).status).toBe(201);
  });

  it('adds versions; each stays downloadable with its own bytes, sha256 and UTF-8 name', async () => {
    const v1 = files.pdf('eins');
    const v2 = files.pdf('zwei');
    const doc = created(await upload(app, owner.token, v1, { name: 'Beleg März 2026.pdf' }));
    const second = await upload(app, owner.token, v2, { name: 'Beleg März 2026 korrigiert.pdf', fields: { documentId: doc.id } });
    expect([second.status, second.body.document?.id, second.body.document?.version, second.body.document?.sha256]).toEqual([201, doc.id, 2, sha(v2)]);
    const versions = await owner.client.documents.versions.query({ id: doc.id });
    expect(versions.map((v) => [v.version, v.sha256, v.sizeBytes, v.uploadedBy?.id, v.downloadUrl])).toEqual([
      [1, sha(v1), v1.length, owner.employee.id, `/api/documents/${doc.id}/download?version=1`],
      [2, sha(v2), v2.length, owner.employee.id, `/api/documents/${doc.id}/download?version=2`],
    ]);
    for (const [version, bytes] of [[1, v1], [2, v2], [undefined, v2]] as const) {
      const res = await download(app, accountant.token, doc.id, version);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
      expect([res.headers.get('content-type'), res.headers.get('content-length')]).toEqual(['application/pdf', String(bytes.length)]);
    }
    const first = await download(app, owner.token, doc.id, 1);
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="Beleg Marz 2026.pdf"; filename*=UTF-8''Beleg%20M%C3%A4rz%202026.pdf`);
    expect((await download(app, owner.token, doc.id, 3)).status).toBe(404);
    expect((await fetch(`${app.url}/api/documents/${doc.id}/download?version=zwei`, { headers: { authorization: `Bearer ${owner.token}` } })).status).toBe(400);
    // The same file again is no new version.
    const same = await upload(app, owner.token, v2, { fields: { documentId: doc.id } });
    expect([same.status, same.body.duplicate, same.body.document?.version]).toEqual([200, true, 2]);
  });

  it('links to an existing record only, naming entityId otherwise', async () => {
    const customer = await admin.client.crm.customers.create.mutate({ name: unique('Belegkunde') });
    const before = await state();
    const unknown = await upload(app, owner.token, files.pdf(), { fields: { entity: 'customer', entityId: '00000000-0000-4000-8000-000000000000' } });
    expect([unknown.status, unknown.body.error?.code, Object.keys(unknown.body.error?.fieldErrors ?? {})]).toEqual([400, 'BAD_REQUEST', ['entityId']]);
    const half = await upload(app, owner.token, files.pdf(), { fields: { entity: 'customer' } });
    expect([half.status, Object.keys(half.body.error?.fieldErrors ?? {})]).toEqual([400, ['entityId']]);
    const wrongKind = await upload(app, owner.token, files.pdf(), { fields: { entity: 'spaceship', entityId: customer.id } });
    expect([wrongKind.status, Object.keys(wrongKind.body.error?.fieldErrors ?? {})]).toEqual([400, ['entity']]);
    expect(await state()).toEqual(before);
    const linked = created(await upload(app, owner.token, files.pdf(), { fields: { entity: 'customer', entityId: customer.id } }));
    const page = await colleague.client.documents.list.query({ entity: 'customer', entityId: customer.id });
    expect(page.items.map((d) => d.id)).toEqual([linked.id]);
  });

  it('refuses bad input with a 4xx naming the field, and changes nothing', async () => {
    const before = await state();
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/api/documents`, { method: 'POST', body, headers: { authorization: `Bearer ${owner.token}`, ...headers } });
    const cases: Array<[Promise<UploadAnswer>, number, string]> = [
      [upload(app, owner.token, null, { fields: { title: 'ohne Datei' } }), 400, 'file'],
      [upload(app, owner.token, files.pdf(), { fileField: 'attachment' }), 400, 'file'],
      [upload(app, owner.token, Buffer.alloc(0)), 400, 'file'],
      [upload(app, owner.token, files.pdf(), { fields: { title: 'x'.repeat(300) } }), 400, 'title'],
      [upload(app, owner.token, files.pdf(), { fields: { documentId: 'nope' } }), 400, 'documentId'],
      [upload(app, owner.token, files.pdf(), { fields: { documentId: '00000000-0000-4000-8000-000000000000' } }), 404, 'documentId'],
      [post(JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' }).then(async (r) => ({ status: r.status, body: await r.json() })), 400, 'file'],
    ];
    for (const [pending, status, field] of cases) {
      const answer = await pending;
      expect([answer.status, Object.keys(answer.body.error?.fieldErrors ?? {})]).toEqual([status, [field]]);
    }
    const two = new FormData();
    two.append('file', new Blob([new Uint8Array(files.pdf())]), 'a.pdf');
    two.append('file', new Blob([new Uint8Array(files.pdf())]), 'b.pdf');
    expect((await post(two)).status).toBe(400);
    expect(await state()).toEqual(before);
  });
});

describe('sign-in and anti-forgery', () => {
  it('needs a sign-in, documents.write, the client header with a cookie, and our own origin', async () => {
    const before = await state();
    expect((await upload(app, null, files.pdf())).status).toBe(401);
    expect((await upload(app, auditor.token, files.pdf())).status).toBe(403);
    const cookie = await sessionCookieOf(app, owner.employee.email);
    const afterLogin = await state();
    const noHeader = await upload(app, null, files.pdf(), { headers: { cookie } });
    expect([noHeader.status, noHeader.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await upload(app, null, files.pdf(), { headers: { cookie, 'x-workmate-client': 'web', origin: 'https://evil.example' } })).status).toBe(403);
    expect((await upload(app, owner.token, files.pdf(), { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect(await state()).toEqual({ ...before, audits: afterLogin.audits });
    expect((await upload(app, null, files.pdf(), { headers: { cookie, 'x-workmate-client': 'web', origin: app.url } })).status).toBe(201);
    const doc = created(await upload(app, owner.token, files.pdf()));
    expect((await fetch(`${app.url}/api/documents/${doc.id}/download`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/documents/${doc.id}/download`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('confidential documents', () => {
  it('exist only for their owner and documents.confidential holders; every access is audited', async () => {
    const doc = created(await upload(app, owner.token, files.pdf(), { name: 'Gehalt.pdf', fields: { title: unique('Gehalt'), confidential: 'true' } }));
    expect(doc.confidential).toBe(true);
    const listed = async (u: User) => (await u.client.documents.list.query({ search: 'Gehalt', pageSize: 200 })).items.some((d) => d.id === doc.id);
    for (const reader of [owner, accountant, admin]) {
      expect((await reader.client.documents.get.query({ id: doc.id })).id).toBe(doc.id);
      expect(await reader.client.documents.versions.query({ id: doc.id })).toHaveLength(1);
      expect((await download(app, reader.token, doc.id)).status).toBe(200);
      expect(await listed(reader)).toBe(true);
    }
    expect(await codeOf(colleague.client.documents.get.query({ id: doc.id }))).toBe('NOT_FOUND');
    expect(await codeOf(colleague.client.documents.versions.query({ id: doc.id }))).toBe('NOT_FOUND');
    expect(await codeOf(colleague.client.documents.update.mutate({ id: doc.id, title: 'x' }))).toBe('NOT_FOUND');
    expect(await codeOf(colleague.client.documents.delete.mutate({ id: doc.id }))).toBe('NOT_FOUND');
    expect((await download(app, colleague.token, doc.id)).status).toBe(404);
    expect((await upload(app, colleague.token, files.pdf(), { fields: { documentId: doc.id } })).status).toBe(404);
    expect(await listed(colleague)).toBe(false);
    const rows = await accessRows(doc.id);
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.actor_id === colleague.employee.id)).toEqual([]);
    expect(rows.slice(0, 3).map((r) => [r.actor_id, r.entity, r.changes])).toEqual([
      [owner.employee.id, 'storedDocument', { access: { before: null, after: 'get' } }],
      [owner.employee.id, 'storedDocument', { access: { before: null, after: 'versions' } }],
      [owner.employee.id, 'storedDocument', { access: { before: null, after: 'download v1' } }],
    ]);
  });

  it('only the owner or a documents.confidential holder may change confidential', async () => {
    // Linked to a customer, so the colleague sees it (crm.read) but may not change it.
    const customer = await admin.client.crm.customers.create.mutate({ name: unique('Vertraulich') });
    const doc = created(await upload(app, owner.token, files.pdf(), { fields: { title: 'offen', entity: 'customer', entityId: customer.id } }));
    expect((await colleague.client.documents.get.query({ id: doc.id })).id).toBe(doc.id);
    expect(await codeOf(colleague.client.documents.update.mutate({ id: doc.id, confidential: true }))).toBe('FORBIDDEN');
    expect(await codeOf(colleague.client.documents.update.mutate({ id: doc.id, title: 'umbenannt' }))).toBe('FORBIDDEN');
    expect((await owner.client.documents.update.mutate({ id: doc.id, confidential: true, version: 1 })).confidential).toBe(true);
    expect((await admin.client.documents.update.mutate({ id: doc.id, confidential: false })).confidential).toBe(false);
    expect((await owner.client.documents.get.query({ id: doc.id })).title).toBe('offen');
  });
});

describe('documents procedures', () => {
  it('lists with search, category, paging and sort; updates check the version; deletes are soft', async () => {
    const category = unique('Kat');
    const ids: string[] = [];
    // On a customer: colleagues see them (crm.read), only the owner and documents.delete may delete.
    const customer = await admin.client.crm.customers.create.mutate({ name: unique('Listkunde') });
    for (const title of ['Alpha', 'Beta', 'Gamma']) {
      ids.push(created(await upload(app, owner.token, files.pdf(), { fields: { title: `${title} ${category}`, category, entity: 'customer', entityId: customer.id } })).id);
    }
    const page = await colleague.client.documents.list.query({ category, sort: 'title', direction: 'asc', pageSize: 2 });
    expect([page.total, page.items.map((d) => d.title)]).toEqual([3, [`Alpha ${category}`, `Beta ${category}`]]);
    expect((await colleague.client.documents.list.query({ search: `gamma ${category}` })).items.map((d) => d.id)).toEqual([ids[2]]);
    const [first = '', second = ''] = ids;
    const versioned = created(await upload(app, owner.token, files.pdf(), { fields: { documentId: first } }));
    expect(await codeOf(owner.client.documents.update.mutate({ id: first, title: 'alt', version: versioned.version - 1 }))).toBe('CONFLICT');
    expect(await codeOf(colleague.client.documents.delete.mutate({ id: first }))).toBe('FORBIDDEN');
    expect(await codeOf(auditor.client.documents.delete.mutate({ id: first }))).toBe('FORBIDDEN');
    await owner.client.documents.delete.mutate({ id: first });
    await admin.client.documents.delete.mutate({ id: second });
    expect(await codeOf(owner.client.documents.get.query({ id: first }))).toBe('NOT_FOUND');
    expect((await download(app, owner.token, first)).status).toBe(404);
    expect((await owner.client.documents.list.query({ category })).items.map((d) => d.id)).toEqual([ids[2]]);
  });

  it('archived invoice PDFs: only for invoice readers, never changed or deleted', async () => {
    await prepareInvoicing(admin.client);
    const invoice = await finalizedInvoice(admin.client, (await invoiceCustomer(admin.client)).id);
    const pdf = files.pdf();
    const { documentId } = await storeInvoicePdf(app.orm.em.fork(), app.storage, { invoiceId: invoice.id, draftVersion: null, pdf });
    const id = documentId ?? '';
    const page = await accountant.client.documents.list.query({ kind: 'invoice_pdf', entityId: invoice.id });
    expect(page.items.map((d) => [d.id, d.kind, d.entity])).toEqual([[id, 'invoice_pdf', 'invoice']]);
    expect(await codeOf(admin.client.documents.delete.mutate({ id }))).toBe('CONFLICT');
    expect(await codeOf(admin.client.documents.update.mutate({ id, title: 'x' }))).toBe('CONFLICT');
    expect((await upload(app, admin.token, files.pdf(), { fields: { documentId: id } })).status).toBe(409);
    // Employees may read documents but not invoices.
    expect(await codeOf(owner.client.documents.get.query({ id }))).toBe('NOT_FOUND');
    expect((await owner.client.documents.list.query({ entityId: invoice.id })).total).toBe(0);
    // The stored file (a worker of a parallel test file may have rendered it first).
    const res = await download(app, accountant.token, id);
    expect([res.status, sha(Buffer.from(await res.arrayBuffer()))]).toEqual([200, page.items[0]?.sha256]);
  });

  it("a quote's archived PDF is an offer (Angebot) in the documents list, an invoice's an invoice (Rechnung)", async () => {
    await prepareInvoicing(admin.client);
    const customerId = (await invoiceCustomer(admin.client)).id;
    const quote = await finalizedInvoice(admin.client, customerId, { type: 'quote', serviceDate: null });
    const invoice = await finalizedInvoice(admin.client, customerId);
    for (const doc of [quote, invoice]) await storeInvoicePdf(app.orm.em.fork(), app.storage, { invoiceId: doc.id, draftVersion: null, pdf: files.pdf() });
    const listed = async (entityId: string) => (await accountant.client.documents.list.query({ entityId })).items.map((d) => [d.kind, d.category, d.fileName]);
    expect(await listed(quote.id)).toEqual([['invoice_pdf', 'offer', `Angebot-${quote.number}.pdf`]]);
    expect(await listed(invoice.id)).toEqual([['invoice_pdf', 'invoice', `Rechnung-${invoice.number}.pdf`]]);
    // The category filter finds the quote's PDF among the offers, not among the invoices.
    expect((await accountant.client.documents.list.query({ category: 'offer', entityId: quote.id })).total).toBe(1);
    expect((await accountant.client.documents.list.query({ category: 'invoice', entityId: quote.id })).total).toBe(0);
  });
});

describe('documents follow the visibility of their record', () => {
  /** Employee A's expense with its receipt, uploaded and then linked as the web app does. */
  async function receiptOf(a: User) {
    const expense = await a.client.finance.expenses.create.mutate({ category: 'material', title: unique('Beleg'), netAmount: '12.00', expenseDate: '2026-03-02' });
    const title = unique('Quittung');
    const doc = created(await upload(app, a.token, files.pdf(), { name: 'quittung.pdf', fields: { title, category: 'receipt' } }));
    await a.client.documents.update.mutate({ id: doc.id, version: doc.version, entity: 'expense', entityId: expense.id });
    await a.client.finance.expenses.update.mutate({ id: expense.id, version: expense.version, receiptId: doc.id });
    return { expense, doc: { ...(await a.client.documents.get.query({ id: doc.id })), title } };
  }
  const listed = async (u: User, title: string | null) => (await u.client.documents.list.query({ search: title ?? '', pageSize: 200 })).items.map((d) => d.id);

  it("an Employee neither sees, downloads, versions nor changes a colleague's receipt; nothing changes", async () => {
    const { doc } = await receiptOf(owner);
    const before = await state();
    expect(await listed(colleague, doc.title)).not.toContain(doc.id);
    expect(await codeOf(colleague.client.documents.get.query({ id: doc.id }))).toBe('NOT_FOUND');
    expect(await codeOf(colleague.client.documents.versions.query({ id: doc.id }))).toBe('NOT_FOUND');
    expect((await download(app, colleague.token, doc.id)).status).toBe(404);
    expect((await download(app, colleague.token, doc.id, 1)).status).toBe(404);
    // It does not exist for the colleague: 404 naming documentId, not 403 (nothing is revealed).
    const version = await upload(app, colleague.token, files.pdf(), { fields: { documentId: doc.id } });
    expect([version.status, Object.keys(version.body.error?.fieldErrors ?? {})]).toEqual([404, ['documentId']]);
    expect(await codeOf(colleague.client.documents.update.mutate({ id: doc.id, title: 'meins' }))).toBe('NOT_FOUND');
    expect(await codeOf(colleague.client.documents.update.mutate({ id: doc.id, entity: null, entityId: null }))).toBe('NOT_FOUND');
    expect(await codeOf(colleague.client.documents.delete.mutate({ id: doc.id }))).toBe('NOT_FOUND');
    expect({ ...(await state()), audits: 0 }).toEqual({ ...before, audits: 0 });
    const [row] = await sql<Array<{ title: string; version: number; entity: string; deleted_at: unknown }>>('select title, version, entity, deleted_at from documents where id = ?', [doc.id]);
    expect(row).toEqual({ title: doc.title, version: 1, entity: 'expense', deleted_at: null });
  });

  it('the receipt is seen by the owner and finance readers; the owner still changes it', async () => {
    const { expense, doc } = await receiptOf(owner);
    const manager = await userWithRole(app, 'Manager');
    for (const reader of [owner, accountant, manager, admin]) {
      expect(await listed(reader, doc.title)).toContain(doc.id);
      expect((await download(app, reader.token, doc.id)).status).toBe(200);
    }
    expect((await owner.client.finance.expenses.get.query({ id: expense.id })).receipt?.id).toBe(doc.id);
    const v2 = await upload(app, owner.token, files.pdf('zweite Seite'), { fields: { documentId: doc.id } });
    expect([v2.status, v2.body.document?.version]).toEqual([201, 2]);
    expect((await owner.client.documents.update.mutate({ id: doc.id, title: 'Quittung korrigiert' })).title).toBe('Quittung korrigiert');
    // Seeing is not changing: the manager (no documents.delete) may not, the admin may.
    expect((await upload(app, manager.token, files.pdf(), { fields: { documentId: doc.id } })).status).toBe(403);
    expect((await admin.client.documents.update.mutate({ id: doc.id, title: 'vom Admin' })).title).toBe('vom Admin');
  });

  it('a receipt named only by the expense (not linked) follows the expense too, and nobody names a document they cannot see', async () => {
    const title = unique('Nur Beleg');
    const doc = { ...created(await upload(app, owner.token, files.pdf(), { fields: { title } })), title };
    expect(await listed(colleague, doc.title)).not.toContain(doc.id);
    const refused = await errorOf(colleague.client.finance.expenses.create.mutate({ category: 'material', title: unique('Fremd'), netAmount: '1.00', expenseDate: '2026-03-02', receiptId: doc.id }));
    expect([refused.code, Object.keys(refused.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', ['receiptId']]);
    expect(await listed(colleague, doc.title)).not.toContain(doc.id);
    // The finance manager records an expense for the colleague with the receipt: now the colleague sees it.
    await admin.client.finance.expenses.create.mutate({ employeeId: colleague.employee.id, category: 'material', title: unique('Fuer Kollegin'), netAmount: '1.00', expenseDate: '2026-03-02', receiptId: doc.id });
    expect(await listed(colleague, doc.title)).toContain(doc.id);
    expect((await download(app, colleague.token, doc.id)).status).toBe(200);
  });

  it('unlinked documents: the uploader and documents.readAll; project documents: project readers, changed only by the owner or documents.delete', async () => {
    const looseTitle = unique('Lose');
    const loose = { ...created(await upload(app, owner.token, files.pdf(), { fields: { title: looseTitle } })), title: looseTitle };
    const manager = await userWithRole(app, 'Manager');
    expect(await listed(colleague, loose.title)).not.toContain(loose.id);
    expect(await listed(manager, loose.title)).not.toContain(loose.id);
    for (const reader of [owner, accountant, auditor, admin]) expect(await listed(reader, loose.title)).toContain(loose.id);

    const customer = await admin.client.crm.customers.create.mutate({ name: unique('Projektkunde') });
    const project = await admin.client.projects.create.mutate({ title: unique('Projektakte'), customerId: customer.id });
    const title = unique('Plan');
    const doc = { ...created(await upload(app, owner.token, files.pdf(), { fields: { title, entity: 'project', entityId: project.id } })), title };
    expect(await listed(colleague, doc.title)).toContain(doc.id);
    expect((await download(app, colleague.token, doc.id)).status).toBe(200);
    const before = await state();
    const version = await upload(app, colleague.token, files.pdf(), { fields: { documentId: doc.id } });
    expect([version.status, version.body.error?.code, Object.keys(version.body.error?.fieldErrors ?? {})]).toEqual([403, 'FORBIDDEN', ['documentId']]);
    expect(await codeOf(colleague.client.documents.update.mutate({ id: doc.id, title: 'fremd' }))).toBe('FORBIDDEN');
    expect(await codeOf(colleague.client.documents.update.mutate({ id: doc.id, entity: null, entityId: null }))).toBe('FORBIDDEN');
    expect(await codeOf(colleague.client.documents.delete.mutate({ id: doc.id }))).toBe('FORBIDDEN');
    expect({ ...(await state()), audits: 0 }).toEqual({ ...before, audits: 0 });
    expect(await owner.client.documents.get.query({ id: doc.id })).toMatchObject({ title: doc.title, version: 1, entity: 'project' });
  });

  it("documents on an employee: that employee and core.employees.manage, not colleagues", async () => {
    const title = unique('Arbeitsvertrag');
    const doc = { ...created(await upload(app, admin.token, files.pdf(), { fields: { title, entity: 'employee', entityId: owner.employee.id } })), title };
    expect(await listed(owner, doc.title)).toContain(doc.id);
    expect(await listed(colleague, doc.title)).not.toContain(doc.id);
    expect((await download(app, colleague.token, doc.id)).status).toBe(404);
  });
});
