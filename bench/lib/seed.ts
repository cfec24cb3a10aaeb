import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';

/** What `npm run bench` works on. Seeded once, reused by later runs. */
export const VOLUME = {
  customers: 50_000,
  projects: 5_000,
  employees: 400,
  timeEntries: 1_000_000,
  invoices: 200_000,
  linesPerInvoice: 5,
  payments: 100_000,
  expenses: 10_000,
};

/**
 * Invoices past their due date that the overdue sweep scenario moves to "overdue" (and the bench
 * moves back before each round): 10 % of the invoices, marked by their notes.
 */
export const SWEEP_NOTE = 'bench-sweep';

type Run = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * Fills the benchmark database with set-based statements (generate_series; no row-by-row
 * inserts). Each table is filled only when it has fewer rows than wanted, so a second run
 * reuses what is there.
 */
export async function seedBenchData(orm: MikroORM, databaseUrl: string, log: (line: string) => void): Promise<void> {
  const conn = orm.em.getConnection();
  const count = async (table: string, where = 'true') => Number((await conn.execute<Array<{ n: string }>>(`select count(*) as n from ${table} where ${where}`))[0]?.n);
  const plain = new pg.Client({ connectionString: databaseUrl });
  await plain.connect();
  const run: Run = (sql, params = []) => plain.query(sql, params);
  const step = async (label: string, need: boolean, work: () => Promise<void>, analyze: string) => {
    if (!need) return;
    const t0 = performance.now();
    await run('begin');
    // A bulk load of history: the immutability and audit triggers guard changes, not a load.
    await run('set local session_replication_role = replica');
    await work();
    await run('commit');
    await run(`vacuum analyze ${analyze}`);
    log(`  seeded ${label} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    await run(
      `insert into company_settings (id, company_name, street, zip_code, city, country, tax_number, vat_id, bank_name, iban, bic, updated_at)
       values (1, 'Bench Consulting GmbH', 'Friedrichstraße 1', '10117', 'Berlin', 'Deutschland', '30/123/45678', 'DE123456789', 'Testbank', 'DE89370400440532013000', 'COBADEFFXXX', now())
       on conflict (id) do update set company_name = excluded.company_name, street = excluded.street, zip_code = excluded.zip_code, city = excluded.city,
         tax_number = excluded.tax_number, iban = excluded.iban, bic = excluded.bic, bank_name = excluded.bank_name`,
    );

    await step('50,000 customers', (await count('customers', `customer_number like 'KB-%'`)) < VOLUME.customers, async () => {
      await run(`delete from customers where customer_number like 'KB-%'`);
      await run(
        `insert into customers (id, customer_number, name, type, status, email, street, city, zip_code, country, language, version, created_at, updated_at)
         select gen_random_uuid(), 'KB-' || lpad(i::text, 6, '0'),
                (array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann'])[1 + i % 10]
                  || ' ' || (array['Bau','Logistik','Consulting','Elektro','Dental','Immobilien','Software','Catering'])[1 + (i / 10) % 8]
                  || ' ' || (array['GmbH','KG','AG','e.K.','GbR'])[1 + (i / 80) % 5] || ' ' || i,
                (array['business','individual','government','creator'])[1 + i % 4],
                (array['active','lead','inactive','blocked'])[1 + (i / 7) % 4],
                'kontakt' || i || '@firma' || (i % 997) || '.example', 'Hauptstraße ' || (1 + i % 200),
                (array['Berlin','Hamburg','München','Köln','Frankfurt','Stuttgart','Düsseldorf','Leipzig','Dortmund','Essen','Bremen','Dresden'])[1 + i % 12],
                lpad((10000 + i % 89999)::text, 5, '0'), 'Deutschland', 'de', 1, now() - (i % 700) * interval '1 day', now()
           from generate_series(1, $1::int) i`,
        [VOLUME.customers],
      );
    }, 'customers');

    await step('400 employees', (await count('employees', `email like 'bench-%@example.test'`)) < VOLUME.employees, async () => {
      await run(
        `insert into employees (id, employee_code, first_name, last_name, email, employment_type, status, timezone, language, theme, notifications_enabled, default_hourly_rate, version, created_at, updated_at)
         select gen_random_uuid(), 'B-' || i, 'Vorname' || i, 'Nachname' || i, 'bench-' || i || '@example.test', 'fulltime', 'active', 'Europe/Berlin', 'de', 'light', true, 60 + i % 40, 1, now(), now()
           from generate_series(1, $1::int) i
         on conflict do nothing`,
        [VOLUME.employees],
      );
    }, 'employees');

    await step('5,000 projects', (await count('projects', `project_number like 'PB-%'`)) < VOLUME.projects, async () => {
      await run(`delete from projects where project_number like 'PB-%'`);
      await run(
        `insert into projects (id, project_number, title, customer_id, status, priority, hourly_rate, budget, billable_by_default, version, created_at, updated_at)
         select gen_random_uuid(), 'PB-' || lpad(i::text, 5, '0'), 'Projekt ' || i, c.id,
                (array['active','active','active','planning','on_hold','completed'])[1 + i % 6], 'medium',
                case when i % 3 = 0 then null else 80 + i % 50 end, 50000, true, 1, now(), now()
           from generate_series(1, $1::int) i join customers c on c.customer_number = 'KB-' || lpad((1 + (i * 7) % $2::int)::text, 6, '0')`,
        [VOLUME.projects, VOLUME.customers],
      );
    }, 'projects');

    await step('1,000,000 time entries', (await count('time_entries')) < VOLUME.timeEntries, async () => {
      await run('delete from time_entries');
      // Every employee books three blocks a day, going back from yesterday; entries never overlap.
      await run(
        `with emp as (select id, row_number() over (order by email) as k from employees where email like 'bench-%@example.test'),
              prj as (select id, row_number() over (order by project_number) as k from projects where project_number like 'PB-%'),
              slots(slot, from_min, to_min) as (values (0, 420, 540), (1, 570, 690), (2, 750, 930))
         insert into time_entries (id, employee_id, project_id, start_time, end_time, duration_minutes, billable, task_type, note, is_approved, is_invoiced, version, created_at, updated_at)
         select gen_random_uuid(), emp.id, prj.id,
                date_trunc('day', now()) - (1 + n / 3) * interval '1 day' + s.from_min * interval '1 minute',
                date_trunc('day', now()) - (1 + n / 3) * interval '1 day' + s.to_min * interval '1 minute',
                s.to_min - s.from_min, n % 7 <> 0, (array['development','consulting','meeting','support'])[1 + n % 4], 'Arbeitspaket ' || n, n > 60, n > 300, 1, now(), now()
           from emp cross join generate_series(0, $1::int - 1) n join slots s on s.slot = n % 3
           left join prj on prj.k = 1 + (emp.k * 13 + n / 3) % $2::int`,
        [Math.ceil(VOLUME.timeEntries / VOLUME.employees), VOLUME.projects],
      );
    }, 'time_entries');

    const invoices = await count('invoices', `number like 'RB-%' or notes like 'bench%'`);
    await step('200,000 invoices, 1,000,000 lines, 100,000 payments', invoices < VOLUME.invoices || (await count('payments')) < VOLUME.payments, async () => {
      await run(`delete from payments`);
      await run(`delete from invoice_lines where invoice_id in (select id from invoices where notes like 'bench%')`);
      await run(`delete from invoices where notes like 'bench%'`);
      // Per 100 invoices: 4 drafts, 45 paid, 5 partly paid (so 100,000 payments), 10 overdue,
      // 10 sent and past due (the sweep's work, tagged), 26 sent or finalized and not yet due.
      await run(
        `insert into invoices (id, type, status, number, customer_id, language, reverse_charge, tax_case, issue_date, service_date, payment_terms_days, due_date,
                               net_total, tax_total, gross_total, tax_breakdown, paid_amount, notes, finalized_at, sent_at, paid_at, version, created_at, updated_at)
         select gen_random_uuid(), 'invoice', s.status, case when s.status = 'draft' then null else 'RB-' || lpad(s.i::text, 6, '0') end,
                c.id, 'de', false, 'standard',
                case when s.status = 'draft' then null else s.issue end, s.issue, 14, case when s.status = 'draft' then null else s.issue + 14 end,
                s.net, s.tax, s.net + s.tax,
                jsonb_build_array(jsonb_build_object('taxRate', 19, 'netAmount', s.net::text, 'taxAmount', s.tax::text)),
                case s.status when 'paid' then s.net + s.tax when 'partially_paid' then round((s.net + s.tax) / 2, 2) else 0 end,
                case when s.k between 64 and 73 then '${SWEEP_NOTE}' else 'bench' end,
                case when s.status = 'draft' then null else s.issue::timestamptz end,
                case when s.status in ('draft', 'finalized') then null else s.issue::timestamptz end,
                case when s.status = 'paid' then (s.issue + s.i % 40)::timestamptz end, 1, s.issue::timestamptz, now()
           from (select i, i % 100 as k,
                        case when i % 100 between 64 and 73 then current_date - 30 - i % 60
                             when i % 100 >= 74 or i % 100 between 49 and 53 then current_date - i % 13
                             else (current_date - 20 - (i % 1075))::date end as issue,
                        5 * (100 + (i * 37) % 5000)::numeric(14, 2) as net,
                        round(5 * (100 + (i * 37) % 5000) * 0.19, 2) as tax,
                        case when i % 100 < 4 then 'draft' when i % 100 < 49 then 'paid' when i % 100 < 54 then 'partially_paid'
                             when i % 100 < 64 then 'overdue' when i % 100 < 74 then 'sent' when i % 2 = 0 then 'sent' else 'finalized' end as status
                   from generate_series(1, $1::int) i) s
           join customers c on c.customer_number = 'KB-' || lpad((1 + s.i % $2::int)::text, 6, '0')`,
        [VOLUME.invoices, VOLUME.customers],
      );
      await run(
        `insert into invoice_lines (id, invoice_id, position, description, quantity, unit, unit_price, tax_rate, net_amount)
         select gen_random_uuid(), i.id, p, (array['Beratung','Konzeption','Umsetzung','Schulung','Projektleitung'])[p], 1, 'pauschal', i.net_total / 5, 19, i.net_total / 5
           from invoices i cross join generate_series(1, $1::int) p where i.notes like 'bench%'`,
        [VOLUME.linesPerInvoice],
      );
      await run(
        `insert into payments (id, invoice_id, amount, payment_date, method, version, created_at, updated_at)
         select gen_random_uuid(), i.id, i.paid_amount, least(current_date, i.issue_date + (abs(hashtext(i.id::text)) % 40)), 'bank_transfer', 1, now(), now()
           from invoices i where i.notes like 'bench%' and i.paid_amount > 0`,
      );
    }, 'invoices, invoice_lines, payments');

    await step('10,000 expenses', (await count('expenses')) < VOLUME.expenses, async () => {
      await run(
        `insert into expenses (id, employee_id, project_id, category, title, net_amount, tax_rate, tax_amount, gross_amount, expense_date, billable, reimbursed, version, created_at, updated_at)
         select gen_random_uuid(), e.id, p.id, (array['travel','material','software','personnel','service','other'])[1 + i % 6], 'Ausgabe ' || i,
                (10 + i % 500)::numeric(12,2), 19, round((10 + i % 500) * 0.19, 2), (10 + i % 500) + round((10 + i % 500) * 0.19, 2),
                current_date - (i % 365), false, false, 1, now(), now()
           from generate_series(1, $1::int) i
           join employees e on e.email = 'bench-' || (1 + i % 50) || '@example.test'
           join projects p on p.project_number = 'PB-' || lpad((1 + i % 300)::text, 5, '0')`,
        [VOLUME.expenses],
      );
    }, 'expenses');
  } finally {
    await plain.end();
  }
}
