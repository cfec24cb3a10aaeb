// `npm run bench:time`: p50/p95 of timeTracking.summary for one month and of timeTracking.entries.list
// for one page, at 1M time entries, through the typed client over HTTP against a real API server.
// Uses its own database (workmate_bench) on the local dev server; seeded rows are reused next time.
import { createWorkmateClient } from '@workmate/api/client';
import { createApiToken } from '@workmate/db/auth/api-tokens';
import { Role } from '@workmate/db/entities/role';
import { seedEmployee } from '@workmate/db/seeds/builders';
import { measure, openBenchDatabase, startBenchApi } from './lib/api.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const EMPLOYEES = 400;
const PROJECTS = 300;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);

const { services, benchUrl, orm, conn, count } = await openBenchDatabase();

const staff = await count('employees', `email like 'bench-staff-%'`);
if (staff < EMPLOYEES) {
  await conn.execute(
    `insert into employees (id, employee_code, first_name, last_name, email, employment_type, status, timezone, language, theme, notifications_enabled, default_hourly_rate, version, created_at, updated_at)
     select gen_random_uuid(), 'BS-' || i, 'Vorname' || i, 'Nachname' || i, 'bench-staff-' || i || '@example.test', 'fulltime', 'active', 'Europe/Berlin', 'de', 'light', true, 60 + i % 40, 1, now(), now()
       from generate_series(?, ?) i`,
    [staff + 1, EMPLOYEES],
  );
}
if ((await count('customers', `customer_number like 'BT-%'`)) === 0) {
  await conn.execute(
    `insert into customers (id, customer_number, name, type, status, country, language, version, created_at, updated_at)
     select gen_random_uuid(), 'BT-' || i, 'Zeitkunde ' || i, 'business', 'active', 'Deutschland', 'de', 1, now(), now() from generate_series(1, 60) i`,
  );
}
if ((await count('projects', `project_number like 'BTP-%'`)) === 0) {
  await conn.execute(
    `insert into projects (id, project_number, title, customer_id, status, priority, hourly_rate, budget, billable_by_default, version, created_at, updated_at)
     select gen_random_uuid(), 'BTP-' || i, 'Projekt ' || i, (select id from customers where customer_number = 'BT-' || (1 + i % 60)), 'active', 'medium',
            case when i % 3 = 0 then null else 80 + i % 50 end, 50000, true, 1, now(), now()
       from generate_series(1, ?) i`,
    [PROJECTS],
  );
}
const have = await count('time_entries');
if (have < ENTRIES) {
  const t0 = performance.now();
  // Each employee books three blocks a day, going back from yesterday; entries never overlap.
  const perEmployee = Math.ceil(ENTRIES / EMPLOYEES);
  await conn.execute(
    `with emp as (select id, row_number() over (order by email) as k from employees where email like 'bench-staff-%'),
          prj as (select id, row_number() over (order by project_number) as k from projects where project_number like 'BTP-%'),
          slots(slot, from_min, to_min) as (values (0, 420, 540), (1, 570, 690), (2, 750, 930))
     insert into time_entries (id, employee_id, project_id, start_time, end_time, duration_minutes, billable, task_type, note, is_approved, is_invoiced, version, created_at, updated_at)
     select gen_random_uuid(), emp.id, case when (emp.k + n) % 10 = 0 then null else (select id from prj where prj.k = 1 + (emp.k * 7 + n / 3) % ${PROJECTS}) end,
            date_trunc('day', now()) - (1 + n / 3) * interval '1 day' + s.from_min * interval '1 minute',
            date_trunc('day', now()) - (1 + n / 3) * interval '1 day' + s.to_min * interval '1 minute',
            s.to_min - s.from_min, (emp.k + n) % 10 <> 0 and n % 7 <> 0, 'development', 'Arbeitspaket ' || n, n > 60, n > 300, 1, now(), now()
       from emp cross join generate_series(0, ? - 1) n join slots s on s.slot = n % 3`,
    [perEmployee],
  );
  await conn.execute('analyze');
  console.log(`Seeded ${(await count('time_entries')) - have} time entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const em = orm.em.fork();
const admin = await seedEmployee(em, { role: await em.findOneOrFail(Role, { name: 'Admin' }) });
const { token } = await createApiToken(em, admin.id, { name: 'bench' });
const worker = await em.getConnection().execute<Array<{ id: string }>>(`select id from employees where email = 'bench-staff-7@example.test'`);
await em.getConnection().execute(`update employees set role_id = (select id from roles where name = 'Employee'), password_hash = null where id = ?`, [worker[0]!.id]);
const workerToken = (await createApiToken(em, worker[0]!.id, { name: 'bench' })).token;

const api = await startBenchApi(orm, benchUrl, services.redisUrl);
const url = api.url;
const client = createWorkmateClient({ url, token });
const workerClient = createWorkmateClient({ url, token: workerToken });

const lastMonth = new Date();
lastMonth.setUTCDate(1);
lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
const from = lastMonth.toISOString().slice(0, 10);
const to = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);


const total = await count('time_entries');
const inMonth = await count('time_entries', `start_time >= '${from}' and start_time < '${to}'::date + 1`);
console.log(`${total} time entries (${inMonth} in ${from} – ${to}), ${REQUESTS} sequential requests over HTTP each:`);
await measure(`summary, one month, by project (admin, all entries)`, REQUESTS, () => client.timeTracking.summary.query({ from, to, groupBy: 'project' }));
await measure(`summary, one month, by employee (admin)`, REQUESTS, () => client.timeTracking.summary.query({ from, to, groupBy: 'employee' }));
await measure(`summary, one month, by day (employee: own entries)`, REQUESTS, () => workerClient.timeTracking.summary.query({ from, to, groupBy: 'day' }));
await measure(`entries.list, one page of 50, one month (admin)`, REQUESTS, () => client.timeTracking.entries.list.query({ from, to }));
await measure(`entries.list, one page of 50, no filter (admin, all 1M)`, REQUESTS, () => client.timeTracking.entries.list.query({}));
await measure(`entries.list, one page of 50, no filter (employee: own)`, REQUESTS, () => workerClient.timeTracking.entries.list.query({}));

await api.close();
await orm.close();
services.stop();
