// `npm run bench:dashboards`: p50/p95 of dashboards.kpis at 1M time entries and 200k invoices, and
// the throughput of uploading a 20 MB file through POST /api/documents, through a real API server
// over HTTP. It uses the data that `npm run bench:time` (1M entries) and `npm run bench:invoices`
// (200k invoices) seed into the benchmark database; run those first.
import { randomBytes } from 'node:crypto';
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Role } from '@workmate/db/entities/role';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { measure, openBenchDatabase, startBenchApi } from './lib/api.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 10);
const { services, benchUrl, orm, count } = await openBenchDatabase();

const entries = await count('time_entries');
const invoices = await count('invoices');
if (entries < 1_000_000 || invoices < 200_000) {
  console.log(`The benchmark database has ${entries} time entries and ${invoices} invoices; run npm run bench:time and npm run bench:invoices first.`);
}
if ((await count('expenses')) < 10_000) {
  // A year of expenses across the benchmark projects, for the expenses-by-category and profit figures.
  await orm.em.getConnection().execute(
    `insert into expenses (id, employee_id, project_id, category, title, net_amount, tax_rate, tax_amount, gross_amount, expense_date, billable, reimbursed, version, created_at, updated_at)
     select gen_random_uuid(), (select id from employees order by email limit 1 offset (i % 50)),
            (select id from projects order by project_number limit 1 offset (i % 300)),
            (array['travel','material','software','personnel','service','other'])[1 + i % 6], 'Ausgabe ' || i,
            (10 + i % 500)::numeric(12,2), 19, round((10 + i % 500) * 0.19, 2), (10 + i % 500) + round((10 + i % 500) * 0.19, 2),
            current_date - (i % 365), false, false, 1, now(), now()
       from generate_series(1, 10000) i`,
  );
  await orm.em.getConnection().execute('analyze expenses');
}

const em = orm.em.fork();
const admin = await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Admin' }) });
const { token } = await createApiToken(em, admin.id, { name: 'bench' });
const api = await startBenchApi(orm, benchUrl, services.redisUrl);
const client = createWorkmateClient({ url: api.url, token });

console.log(`${await count('time_entries')} time entries, ${await count('invoices')} invoices, ${await count('expenses')} expenses; ${REQUESTS} sequential requests over HTTP:`);
await measure('dashboards.kpis (admin: all sections, everyone\'s time)', REQUESTS, () => client.dashboards.kpis.query());

// Upload: a 20 MB PDF (a real header, random body), new content each time so no upload is a duplicate.
const size = 20 * 1024 * 1024;
let seconds = 0;
for (let i = 0; i < UPLOADS; i++) {
  const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
  const form = new FormData();
  form.append('title', `Bench ${i}`);
  form.append('file', new Blob([body], { type: 'application/pdf' }), `bench-${i}.pdf`);
  const t0 = performance.now();
  const res = await fetch(`${api.url}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`Upload answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  seconds += (performance.now() - t0) / 1000;
}
console.log(`  upload of a 20 MB file, ${UPLOADS} times: ${((UPLOADS * 20) / seconds).toFixed(1)} MB/s (${((seconds / UPLOADS) * 1000).toFixed(0)} ms per file, sha256 and type check included)`);

await api.close();
await orm.close();
services.stop();
process.exit(0);
