// `npm run bench:crm`: p50/p95/p99 of crm.customers.list with a search term at 100k customers,
// through the typed client over HTTP against a real API server. Uses its own database
// (workmate_bench) on the local dev server; the seeded rows are reused on the next run.
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Role } from '@workmate/db/entities/role';
import { migrate, openOrm } from '@workmate/db/orm';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { seedSystemRoles } from '@workmate/db/seeds/roles';
import { ensureDatabase } from '../scripts/lib/services.ts';
import { provideServices } from '../scripts/lib/local-env.ts';
import { startBenchApi } from './lib/api.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

const services = await provideServices('dev');
const benchUrl = services.databaseUrl.replace(/\/[^/]+$/, '/workmate_bench');
await ensureDatabase(services.databaseUrl.replace(/\/[^/]+$/, '/postgres'), 'workmate_bench');
const orm = await openOrm(benchUrl);
await migrate(orm);
const conn = orm.em.getConnection();
const have = Number((await conn.execute<Array<{ n: string }>>('select count(*) as n from customers'))[0]?.n);
if (have < CUSTOMERS) {
  const t0 = performance.now();
  // One statement with generate_series: German-looking names, numbers, emails and cities.
  await conn.execute(
    `insert into customers (id, customer_number, name, type, status, email, city, zip_code, country, language, version, created_at, updated_at)
     select gen_random_uuid(), 'BEN-' || lpad(i::text, 7, '0'),
            (array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann'])[1 + i % 10]
              || ' ' || (array['Bau','Logistik','Consulting','Elektro','Dental','Immobilien','Software','Catering'])[1 + (i / 10) % 8]
              || ' ' || (array['GmbH','KG','AG','e.K.','GbR'])[1 + (i / 80) % 5] || ' ' || i,
            (array['business','individual','government','creator'])[1 + i % 4],
            (array['active','lead','inactive','blocked'])[1 + (i / 7) % 4],
            'kontakt' || i || '@firma' || (i % 997) || '.example',
            (array['Berlin','Hamburg','München','Köln','Frankfurt','Stuttgart','Düsseldorf','Leipzig','Dortmund','Essen','Bremen','Dresden'])[1 + i % 12],
            lpad((10000 + i % 89999)::text, 5, '0'), 'Deutschland', 'de', 1, now() - (i % 700) * interval '1 day', now()
       from generate_series(? , ?) as i`,
    [have + 1, CUSTOMERS],
  );
  await conn.execute('analyze customers');
  console.log(`Seeded ${CUSTOMERS - have} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
await seedSystemRoles(orm.em.fork());
const em = orm.em.fork();
const admin = await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Admin' }) });
const { token } = await createApiToken(em, admin.id, { name: 'bench' });

const api = await startBenchApi(orm, benchUrl, services.redisUrl);
const url = api.url;
const client = createWorkmateClient({ url, token });

const terms = ['müller', 'BEN-0042', 'leipzig', 'firma123', 'dental gmbh', 'kontakt9999', 'schulz imm', 'xyzunbekannt'];
for (const term of terms) await client.crm.customers.list.query({ search: term }); // warm-up
const times: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  const t0 = performance.now();
  await client.crm.customers.list.query({ search: terms[i % terms.length], pageSize: 25 });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]?.toFixed(1);
const total = Number((await conn.execute<Array<{ n: string }>>('select count(*) as n from customers'))[0]?.n);
console.log(`crm.customers.list with search, ${total} customers, ${REQUESTS} sequential requests over HTTP:`);
console.log(`  p50 ${pct(50)} ms   p95 ${pct(95)} ms   p99 ${pct(99)} ms`);

await api.close();
await orm.close();
services.stop();
