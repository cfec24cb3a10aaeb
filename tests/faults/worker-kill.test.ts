import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole, type Client } from '../helpers/users.ts';
import { startWorker, until } from '../helpers/worker.ts';
import { SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './own-servers.ts';

/**
 * The worker killed with SIGKILL in the middle of 100 PDF jobs: after a restart every PDF exists
 * exactly once. Runs on the shared test database and counts only its own invoices.
 */
let app: TestApp;
let admin: Client;
let accountant: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = (await userWithRole(app, 'Accountant')).client;
  await prepareInvoicing(admin);
}, SETUP_TIMEOUT_MS);
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

describe('the worker killed during 100 PDF jobs', () => {
  it('after a restart, each of the 100 invoices has exactly one archived PDF whose file matches its checksum', async () => {
    const customer = await invoiceCustomer(admin);
    const ids: string[] = [];
    for (let i = 0; i < 100; i += 20) ids.push(...(await Promise.all(Array.from({ length: 20 }, () => draftInvoice(accountant, customer.id)))).map((d) => d.id));
    const withPdf = async () => Number((await sql<Array<{ n: string }>>(`select count(*) as n from invoices where id in (?) and pdf_document_id is not null`, [ids]))[0]?.n);
    // A short lock, so the jobs the killed worker held are taken over soon after the restart.
    const worker = { PDF_PAGES: '2', JOB_LOCK_MS: '2000' };
    const first = startWorker(worker);
    await until(async () => /running/.test(first.output()), 'the first worker to start', 120_000);
    await Promise.all(ids.map((id) => accountant.invoices.finalize.mutate({ id })));
    await until(async () => (await withPdf()) >= 10, 'the first PDFs', 120_000);
    await first.kill();
    expect(await withPdf()).toBeLessThan(100);
    const second = startWorker(worker);
    try {
      await until(async () => (await withPdf()) === 100, 'all 100 PDFs after the restart', 240_000);
      // Every invoice.finalized event and its PDF subscriber's job is done too, once the jobs the killed worker held are taken over.
      await until(
        async () => (await sql(`select 1 from outbox where completed_at is null and coalesce(payload->>'invoiceId', payload->'event'->>'invoiceId') in (?)`, [ids])).length === 0,
        'every event and subscriber job to be completed',
        120_000,
      );
    } finally {
      expect(await second.stop()).toBe(0);
    }
    const docs = await sql<Array<{ entity_id: string; storage_key: string; sha256: string; linked: boolean }>>(
      `select d.entity_id, d.storage_key, d.sha256, (i.pdf_document_id = d.id) as linked
         from documents d join invoices i on i.id = d.entity_id
        where d.kind = 'invoice_pdf' and d.entity_id in (?)`,
      [ids],
    );
    // One document per invoice, no duplicate, and it is the one the invoice points to.
    expect(docs).toHaveLength(100);
    expect(new Set(docs.map((d) => d.entity_id)).size).toBe(100);
    expect(docs.every((d) => d.linked)).toBe(true);
    for (const d of docs) {
      const file = await app.storage.get(d.storage_key);
      expect(createHash('sha256').update(file).digest('hex')).toBe(d.sha256);
    }
    // Every job's outbox row is done: the worker finished it.
    const open = await sql(`select 1 from outbox where job_id in (?) and completed_at is null`, [ids.map((id) => `pdf-${id}-final`)]);
    expect(open).toHaveLength(0);
    expect(await sql(`select 1 from outbox where kind = 'event' and payload->>'invoiceId' in (?)`, [ids])).toHaveLength(100);
  }, TEST_TIMEOUT_MS);
});
