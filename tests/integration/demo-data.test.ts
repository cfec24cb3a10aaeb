import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { seedDemo } from '@workmate/db/seeds/demo';
import { freshDatabase } from '../helpers/fresh-db.ts';

/** `npm start` loads the demo company on first start: it must load into an empty database, invoices included. */
let db: { orm: MikroORM; drop: () => Promise<void> };
beforeAll(async () => {
  db = await freshDatabase('workmate_demo');
});
afterAll(async () => db?.drop());

describe('demo data', () => {
  it('loads once into an empty database: people, customers, projects, time and invoices', async () => {
    const orm = db.orm;
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
    // The draft bills the kanzlei's approved time; the finalized documents' events (whose subscriber has the PDFs rendered) wait in the outbox for the worker.
    const billed = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(`select count(*) as n from time_entries where is_invoiced and invoice_line_id is not null`);
    expect(Number(billed[0]?.n)).toBeGreaterThan(0);
    const jobs = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(`select count(*) as n from outbox where kind = 'event' and name = 'invoice.finalized'`);
    expect(Number(jobs[0]?.n)).toBe(4);
    // A pipeline with a card in every stage, and three tickets (new, waiting on the customer, resolved).
    const stages = await orm.em.fork().getConnection().execute<Array<{ stage: string }>>(`select stage from opportunities order by stage`);
    expect(stages.map((r) => r.stage)).toEqual(['lead', 'lost', 'negotiation', 'proposal', 'qualified', 'won']);
    const tickets = await orm.em.fork().getConnection().execute<Array<{ status: string }>>(`select status from tickets order by status`);
    expect(tickets.map((r) => r.status)).toEqual(['new', 'resolved', 'waiting_customer']);
  });
});
