import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm } from '@workmate/db/orm';
import { seedDemo } from '@workmate/db/seeds/demo';
import { testEnv } from '../helpers/env.ts';

/** `npm start` loads the demo company on first start: it must load into an empty database, invoices included. */
const name = `workmate_demo_${process.pid}`;
const { databaseUrl } = testEnv();
const adminUrl = databaseUrl.replace(/\/[^/]+$/, '/postgres');
let orm: MikroORM;

async function admin(query: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  orm = await openOrm(databaseUrl.replace(/\/[^/]+$/, `/${name}`), { poolMax: 3 });
  await migrate(orm);
});
afterAll(async () => {
  await orm?.close();
  await admin(`drop database if exists "${name}" with (force)`);
});

describe('demo data', () => {
  it('loads once into an empty database: people, customers, projects, time and invoices', async () => {
    expect(await seedDemo(orm.em.fork())).toEqual({ seeded: true });
    expect(await seedDemo(orm.em.fork())).toEqual({ seeded: false });
    const rows = await orm.em.fork().getConnection().execute<Array<{ type: string; status: string; n: string }>>(
      `select type, status, count(*) as n from invoices group by type, status order by type, status`,
    );
    expect(rows.map((r) => [r.type, r.status, Number(r.n)])).toEqual([
      ['invoice', 'draft', 1],
      ['invoice', 'paid', 1],
      ['invoice', 'partially_paid', 1],
      ['quote', 'accepted', 1],
      ['quote', 'sent', 1],
    ]);
    // The draft bills the kanzlei's approved time; its PDFs wait in the outbox for the worker.
    const billed = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(`select count(*) as n from time_entries where is_invoiced and invoice_line_id is not null`);
    expect(Number(billed[0]?.n)).toBeGreaterThan(0);
    const jobs = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(`select count(*) as n from outbox where name = 'render-invoice-pdf'`);
    expect(Number(jobs[0]?.n)).toBe(4);
  });
});
