// `npm run bench:invoices`: at 200,000 invoices, p50/p95 of invoices.list and invoices.statistics
// through the typed client over HTTP; then invoice PDFs per second with a warm worker (finalize →
// outbox → queue → Chromium → stored document), against bare Chromium page.pdf() of the same HTML
// in the same run. Uses its own database (workmate_bench) on the local dev server; seeded rows
// are reused next time.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Role } from '@workmate/db/entities/role';
import { buildPrintModel } from '@workmate/db/invoices/document-model';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { renderInvoiceHtml } from '@workmate/worker/pdf/template';
import { ROOT } from '../scripts/lib/local-env.ts';
import { BENCH_FILES_DIR, BENCH_QUEUE_PREFIX, measure, openBenchDatabase, startBenchApi } from './lib/api.ts';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const PDFS = Number(process.env.BENCH_PDFS ?? 60);

const { services, benchUrl, orm, conn, count } = await openBenchDatabase();

await orm.em.fork().getConnection().execute(
  `insert into company_settings (id, company_name, street, zip_code, city, country, tax_number, vat_id, bank_name, iban, bic, updated_at)
   values (1, 'Bench Consulting GmbH', 'Friedrichstraße 1', '10117', 'Berlin', 'Deutschland', '30/123/45678', 'DE123456789', 'Testbank', 'DE89370400440532013000', 'COBADEFFXXX', now())
   on conflict (id) do update set street = excluded.street, zip_code = excluded.zip_code, city = excluded.city, tax_number = excluded.tax_number, iban = excluded.iban, bic = excluded.bic, bank_name = excluded.bank_name`,
);
if ((await count('customers', `customer_number like 'BI-%'`)) === 0) {
  await conn.execute(
    `insert into customers (id, customer_number, name, type, status, street, zip_code, city, country, language, version, created_at, updated_at)
     select gen_random_uuid(), 'BI-' || i, 'Rechnungskunde ' || i, 'business', 'active', 'Hauptstraße ' || i, '50667', 'Köln', 'Deutschland', 'de', 1, now(), now()
       from generate_series(1, 2000) i`,
  );
}
const have = await count('invoices', `number like 'BINV-%' or notes = 'bench'`);
if (have < INVOICES) {
  const t0 = performance.now();
  await orm.em.fork().transactional(async (tx) => {
    const ctx = tx.getTransactionContext();
    const run = (q: string, p: unknown[] = []) => tx.getConnection().execute(q, p, 'run', ctx);
    // Bulk load of historical documents: the immutability triggers guard changes, not a load.
    await run(`set local session_replication_role = replica`);
    // Three years of documents; most paid, some open, some overdue, a few drafts.
    await run(
      `insert into invoices (id, type, status, number, customer_id, language, reverse_charge, tax_case, issue_date, service_date, payment_terms_days, due_date,
                             net_total, tax_total, gross_total, tax_breakdown, paid_amount, notes, finalized_at, sent_at, paid_at, version, created_at, updated_at)
       select gen_random_uuid(), 'invoice', s.status, case when s.status = 'draft' then null else 'BINV-' || s.i end,
              (select id from customers where customer_number = 'BI-' || (1 + s.i % 2000)), 'de', false, 'standard',
              case when s.status = 'draft' then null else s.issue end, s.issue, 14, case when s.status = 'draft' then null else s.issue + 14 end,
              s.net, round(s.net * 0.19, 2), s.net + round(s.net * 0.19, 2),
              jsonb_build_array(jsonb_build_object('taxRate', 19, 'netAmount', s.net::text, 'taxAmount', round(s.net * 0.19, 2)::text)),
              case s.status when 'paid' then s.net + round(s.net * 0.19, 2) when 'partially_paid' then round((s.net + round(s.net * 0.19, 2)) / 2, 2) else 0 end,
              'bench', case when s.status = 'draft' then null else s.issue::timestamptz end, case when s.status in ('draft', 'finalized') then null else s.issue::timestamptz end,
              case when s.status = 'paid' then (s.issue + s.i % 40)::timestamptz end, 1, s.issue::timestamptz, now()
         from (select i, (current_date - (i % 1095))::date as issue, (100 + (i * 37) % 5000)::numeric(14, 2) as net,
                      case when i % 25 = 0 then 'draft'
                           when i % 1095 < 14 then case when i % 2 = 0 then 'sent' else 'finalized' end
                           when i % 10 < 8 then 'paid'
                           when i % 10 = 8 then 'overdue'
                           else 'partially_paid' end as status
                 from generate_series(?, ?) i) s`,
      [have + 1, INVOICES],
    );
    await run(
      `insert into invoice_lines (id, invoice_id, position, description, quantity, unit, unit_price, tax_rate, net_amount)
       select gen_random_uuid(), i.id, 1, 'Beratungsleistung', 1, 'pauschal', i.net_total, 19, i.net_total
         from invoices i where i.notes = 'bench' and not exists (select 1 from invoice_lines l where l.invoice_id = i.id)`,
    );
    await run(
      `insert into payments (id, invoice_id, amount, payment_date, method, version, created_at, updated_at)
       select gen_random_uuid(), i.id, i.paid_amount, least(current_date, i.issue_date + (abs(hashtext(i.id::text)) % 40)), 'bank_transfer', 1, now(), now()
         from invoices i where i.notes = 'bench' and i.paid_amount > 0 and not exists (select 1 from payments p where p.invoice_id = i.id)`,
    );
  });
  // As autovacuum would after a while: statistics, and the visibility map that index-only scans
  // need. VACUUM runs outside any transaction, so on a plain connection.
  const plain = new pg.Client({ connectionString: benchUrl });
  await plain.connect();
  await plain.query('vacuum analyze invoices, payments, invoice_lines');
  await plain.end();
  console.log(`Seeded ${(await count('invoices', `notes = 'bench'`)) - have} invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const em = orm.em.fork();
const admin = await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Admin' }) });
const { token } = await createApiToken(em, admin.id, { name: 'bench' });
const api = await startBenchApi(orm, benchUrl, services.redisUrl);
const client = createWorkmateClient({ url: api.url, token });
const someCustomer = (await conn.execute<Array<{ id: string }>>(`select id from customers where customer_number = 'BI-17'`))[0]?.id as string;

console.log(`${await count('invoices')} invoices, ${await count('payments')} payments; ${REQUESTS} sequential requests over HTTP each:`);
await measure('invoices.list, first page of 25 (newest first)', REQUESTS, () => client.invoices.list.query({}));
await measure('invoices.list, overdue, sorted by due date', REQUESTS, () => client.invoices.list.query({ status: ['overdue'], sort: 'dueDate', direction: 'asc' }));
await measure('invoices.list, search "BINV-1234"', REQUESTS, () => client.invoices.list.query({ search: 'BINV-1234' }));
await measure('invoices.list, one customer', REQUESTS, () => client.invoices.list.query({ customerId: someCustomer }));
await measure('invoices.statistics, this year (all customers)', REQUESTS, () => client.invoices.statistics.query({}));
await measure('invoices.statistics, one customer', REQUESTS, () => client.invoices.statistics.query({ customerId: someCustomer }));

// PDFs: a warm worker against bare Chromium, the same documents' HTML, in the same run.
const worker = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: benchUrl, REDIS_URL: services.redisUrl, FILES_DIR: BENCH_FILES_DIR, QUEUE_PREFIX: BENCH_QUEUE_PREFIX, WORKER_HEARTBEAT_KEY: 'workmate:bench:heartbeat' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => worker.stdout?.on('data', (c: Buffer) => c.toString().includes('running') && resolve()));
const customer = await client.crm.customers.create.mutate({ name: 'PDF-Kunde GmbH', street: 'Domstraße 5', zipCode: '50667', city: 'Köln' });
const lines = Array.from({ length: 20 }, (_, i) => ({ description: `Leistungsposition ${i + 1}: Beratung und Umsetzung`, quantity: String(1 + (i % 5)), unit: 'Std.', unitPrice: '95.00', taxRate: (i % 4 === 0 ? 7 : 19) as 7 | 19 }));
async function finalizeBatch(n: number): Promise<string[]> {
  const drafts = [];
  for (let i = 0; i < n; i++) drafts.push(await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines }));
  return drafts.map((d) => d.id);
}
const rendered = async (ids: string[]) => Number((await conn.execute<Array<{ n: string }>>(`select count(*) as n from invoices where id in (?) and pdf_document_id is not null`, [ids]))[0]?.n);
async function waitFor(ids: string[]) {
  while ((await rendered(ids)) < ids.length) await new Promise((r) => setTimeout(r, 20));
}
// Warm-up: the first documents start Chromium's pages and the code paths.
const warm = await finalizeBatch(5);
await Promise.all(warm.map((id) => client.invoices.finalize.mutate({ id })));
await waitFor(warm);
const ids = await finalizeBatch(PDFS);
const t0 = performance.now();
await Promise.all(ids.map((id) => client.invoices.finalize.mutate({ id })));
await waitFor(ids);
const workerSeconds = (performance.now() - t0) / 1000;
worker.kill('SIGTERM');
// The worker's own pace: from its first to its last stored PDF of the batch (finalizing and relaying not counted).
const span = (await conn.execute<Array<{ seconds: string }>>(`select extract(epoch from max(created_at) - min(created_at))::text as seconds from documents where kind = 'invoice_pdf' and entity_id in (?)`, [ids]))[0];
const steadySeconds = Number(span?.seconds ?? 0);

const html = renderInvoiceHtml(await buildPrintModel(orm.em.fork(), ids[0] as string));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'] });
const page = await browser.newPage();
for (let i = 0; i < 5; i++) {
  await page.setContent(html);
  await page.pdf({ format: 'A4' });
}
const t1 = performance.now();
for (let i = 0; i < PDFS; i++) {
  await page.setContent(html);
  await page.pdf({ format: 'A4', printBackground: true });
}
const bareSeconds = (performance.now() - t1) / 1000;
await browser.close();
console.log(`  PDFs, ${PDFS} invoices of 20 lines, warm worker: ${((PDFS - 1) / steadySeconds).toFixed(1)} PDFs/s stored (first to last PDF, ${steadySeconds.toFixed(2)} s)`);
console.log(`    end to end from the finalize calls: ${(PDFS / workerSeconds).toFixed(1)} PDFs/s (finalize → outbox → queue → Chromium → stored, ${workerSeconds.toFixed(2)} s)`);
console.log(`  PDFs, the same HTML, bare Chromium page.pdf() on one page: ${(PDFS / bareSeconds).toFixed(1)} PDFs/s (${bareSeconds.toFixed(2)} s)`);

await api.close();
await orm.close();
services.stop();
process.exit(0);
