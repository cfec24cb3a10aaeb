import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_SORTS } from '@workmate/domain/schemas/crm';
import { INVOICE_SORTS } from '@workmate/domain/schemas/invoices';
import { ENTRY_SORTS } from '@workmate/domain/schemas/time-tracking';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { draftInvoice, finalizedInvoice, invoiceCustomer, LINES, prepareInvoicing } from '../helpers/invoices.ts';
import { errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

let app: TestApp;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
});
afterAll(async () => app?.close());

const sql = async <T>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T[]>(query, params);

interface Page {
  items: Array<{ id: string }>;
  total: number;
  nextCursor: string | null;
}

/**
 * Reads a list twice, by page numbers and by following nextCursor, and expects the same rows in
 * the same order: no duplicate, no gap, and no cursor after the last page.
 */
async function expectCursorWalkMatchesPages(fetch: (p: { page?: number; cursor?: string }) => Promise<Page>, pageSize: number, label: string) {
  const first = await fetch({ page: 1 });
  const byPage = [...first.items.map((i) => i.id)];
  for (let page = 2; (page - 1) * pageSize < first.total; page++) byPage.push(...(await fetch({ page })).items.map((i) => i.id));
  expect(byPage, label).toHaveLength(first.total);

  const byCursor = [...first.items.map((i) => i.id)];
  let cursor = first.nextCursor;
  let pages = 1;
  while (cursor) {
    const next = await fetch({ cursor });
    expect(next.total, label).toBe(first.total);
    byCursor.push(...next.items.map((i) => i.id));
    if (next.nextCursor) expect(next.items, label).toHaveLength(pageSize);
    cursor = next.nextCursor;
    expect(++pages, `${label}: more pages than rows`).toBeLessThanOrEqual(first.total + 1);
  }
  expect(byCursor, label).toEqual(byPage);
  expect(new Set(byCursor).size, label).toBe(byCursor.length);
  return byPage;
}

const DIRECTIONS = ['asc', 'desc'] as const;

describe('customers by cursor', () => {
  const tag = unique('Keyset');
  beforeAll(async () => {
    // Ties everywhere: three names, two cities and no city, three statuses.
    const names = ['Anker', 'Birke', 'Anker', 'Ceder', 'Birke', 'Anker', 'Birke', 'Anker', 'Ceder', 'Anker', 'Birke'];
    const created = [];
    for (const [i, name] of names.entries()) {
      created.push(
        await admin.crm.customers.create.mutate({
          name: `${tag} ${name}`,
          city: i % 3 === 0 ? null : i % 3 === 1 ? 'Kiel' : 'Bonn',
          status: (['active', 'lead', 'inactive'] as const)[i % 3],
        }),
      );
    }
    // And the same creation instant for some.
    await sql(`update customers set created_at = '2026-01-01T10:00:00.123456Z' where id in (?)`, [created.slice(0, 6).map((c) => c.id)]);
  });

  for (const sort of CUSTOMER_SORTS) {
    for (const direction of DIRECTIONS) {
      it(`sort ${sort} ${direction}: the cursor pages are the numbered pages`, async () => {
        const ids = await expectCursorWalkMatchesPages((p) => admin.crm.customers.list.query({ search: tag, sort, direction, pageSize: 3, ...p }), 3, `${sort} ${direction}`);
        expect(ids).toHaveLength(11);
      });
    }
  }

  it('works together with filters, and the last page has no cursor (also when it is full)', async () => {
    // 4 leads (i % 3 === 1): two full pages of 2.
    await expectCursorWalkMatchesPages((p) => admin.crm.customers.list.query({ search: tag, status: 'lead', sort: 'city', pageSize: 2, ...p }), 2, 'leads');
    const second = await admin.crm.customers.list.query({ search: tag, status: 'lead', pageSize: 2, page: 2 });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = await admin.crm.customers.list.query({ search: tag, pageSize: 50 });
    expect(all.items).toHaveLength(11);
    expect(all.nextCursor).toBeNull();
  });

  it('refuses a malformed cursor and one made for another sort or direction (400 naming cursor)', async () => {
    const page = await admin.crm.customers.list.query({ search: tag, sort: 'name', pageSize: 2 });
    const cursor = page.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const bad = [
      admin.crm.customers.list.query({ search: tag, cursor: 'not a cursor!' }),
      admin.crm.customers.list.query({ search: tag, cursor: `${cursor.slice(0, -3)}` }),
      admin.crm.customers.list.query({ search: tag, cursor: Buffer.from(JSON.stringify({ s: 'name', d: 'asc', k: ['x', 'not-an-id'] })).toString('base64url') }),
      admin.crm.customers.list.query({ search: tag, cursor: Buffer.from(JSON.stringify({ s: 'createdAt', d: 'asc', k: ['yesterday', page.items[0]?.id] })).toString('base64url') }),
      admin.crm.customers.list.query({ search: tag, cursor: Buffer.from(JSON.stringify({ s: 'name', d: 'asc', k: [null, page.items[0]?.id] })).toString('base64url') }),
    ];
    for (const call of bad) {
      const e = await errorOf(call);
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.fieldErrors?.cursor).toBeDefined();
    }
    for (const other of [{ sort: 'createdAt' as const }, { sort: 'name' as const, direction: 'desc' as const }]) {
      const e = await errorOf(admin.crm.customers.list.query({ search: tag, cursor, ...other }));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.httpStatus).toBe(400);
      expect(e.fieldErrors?.cursor?.[0]).toMatch(/sort "name" asc/);
    }
  });
});

describe('time entries by cursor', () => {
  let projectId: string;
  const running: string[] = [];
  beforeAll(async () => {
    const customerId = (await admin.crm.customers.create.mutate({ name: unique('Keyset Zeit') })).id;
    projectId = (await admin.projects.create.mutate({ title: unique('Keyset Projekt'), customerId, status: 'active' })).id;
    // Three people book the same start times (ties), with repeating durations; two have a running timer (no duration).
    const people = await Promise.all([0, 1, 2].map(() => userWithRole(app, 'Employee')));
    const created: string[] = [];
    for (const [n, { client }] of people.entries()) {
      for (const [i, day] of ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'].entries()) {
        const minutes = 30 * (1 + ((i + n) % 3));
        const start = new Date(`${day}T08:00:00Z`);
        const entry = await client.timeTracking.entries.create.mutate({ projectId, startTime: start.toISOString(), endTime: new Date(start.getTime() + minutes * 60_000).toISOString() });
        created.push(entry.id);
      }
      if (n < 2) running.push((await client.timeTracking.start.mutate({ projectId })).id);
    }
    await sql(`update time_entries set created_at = '2026-02-01T00:00:00.000001Z' where id in (?)`, [[...created.slice(0, 5), ...running]]);
  });

  for (const sort of ENTRY_SORTS) {
    for (const direction of DIRECTIONS) {
      it(`sort ${sort} ${direction}: the cursor pages are the numbered pages`, async () => {
        const ids = await expectCursorWalkMatchesPages((p) => admin.timeTracking.entries.list.query({ projectId, sort, direction, pageSize: 4, ...p }), 4, `${sort} ${direction}`);
        expect(ids).toHaveLength(14);
        if (sort === 'durationMinutes') {
          // Running timers have no duration yet: last either way, also when a page ends among them.
          expect(ids.slice(-2).sort()).toEqual([...running].sort());
          await expectCursorWalkMatchesPages((p) => admin.timeTracking.entries.list.query({ projectId, sort, direction, pageSize: 13, ...p }), 13, `${sort} ${direction} by 13`);
        }
      });
    }
  }

  it('works together with filters (finished entries of a date range)', async () => {
    const ids = await expectCursorWalkMatchesPages(
      (p) => admin.timeTracking.entries.list.query({ projectId, running: false, from: '2026-02-03', to: '2026-02-05', sort: 'durationMinutes', pageSize: 2, ...p }),
      2,
      'filtered',
    );
    expect(ids).toHaveLength(9);
  });

  it('refuses a malformed cursor and one made for another sort or direction', async () => {
    const page = await admin.timeTracking.entries.list.query({ projectId, pageSize: 2 });
    expect(page.nextCursor).toEqual(expect.any(String));
    for (const input of [
      { cursor: '%%%' },
      { cursor: Buffer.from(JSON.stringify({ s: 'durationMinutes', d: 'desc', k: ['1.5', page.items[0]?.id] })).toString('base64url'), sort: 'durationMinutes' as const },
      { cursor: page.nextCursor as string, sort: 'createdAt' as const },
      { cursor: page.nextCursor as string, direction: 'asc' as const },
    ]) {
      const e = await errorOf(admin.timeTracking.entries.list.query({ projectId, ...input }));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.fieldErrors?.cursor).toBeDefined();
    }
  });
});

describe('documents by cursor', () => {
  const name = unique('Keyset Rechnungskunde');
  beforeAll(async () => {
    await prepareInvoicing(admin);
    // Two customers of the same name; finalized documents share their dates and some their totals, drafts have neither.
    for (const _ of [0, 1]) {
      const customer = await invoiceCustomer(admin, { name });
      for (let i = 0; i < 3; i++) await finalizedInvoice(admin, customer.id, { lines: i === 2 ? [LINES[0] as (typeof LINES)[number]] : LINES });
      for (let i = 0; i < 2; i++) await draftInvoice(admin, customer.id);
    }
  });

  for (const sort of INVOICE_SORTS) {
    for (const direction of DIRECTIONS) {
      it(`sort ${sort} ${direction}: the cursor pages are the numbered pages`, async () => {
        const ids = await expectCursorWalkMatchesPages((p) => admin.invoices.list.query({ search: name, sort, direction, pageSize: 3, ...p }), 3, `${sort} ${direction}`);
        expect(ids).toHaveLength(10);
      });
    }
  }

  it('drafts (no number, no dates) come last in both directions, also by cursor', async () => {
    for (const direction of DIRECTIONS) {
      const items = [];
      let page = await admin.invoices.list.query({ search: name, sort: 'issueDate', direction, pageSize: 3 });
      items.push(...page.items);
      while (page.nextCursor) {
        page = await admin.invoices.list.query({ search: name, sort: 'issueDate', direction, pageSize: 3, cursor: page.nextCursor });
        items.push(...page.items);
      }
      expect(items.map((i) => i.status)).toEqual([...Array(6).fill('finalized'), ...Array(4).fill('draft')]);
    }
  });

  it('works together with filters', async () => {
    const ids = await expectCursorWalkMatchesPages((p) => admin.invoices.list.query({ search: name, status: ['draft'], sort: 'number', pageSize: 2, ...p }), 2, 'drafts');
    expect(ids).toHaveLength(4);
  });

  it('refuses a malformed cursor and one made for another sort', async () => {
    const page = await admin.invoices.list.query({ search: name, sort: 'customer', pageSize: 3 });
    expect(page.nextCursor).toEqual(expect.any(String));
    for (const input of [
      { cursor: 'eyJzIjoiY3VzdG9tZXIifQ' },
      { cursor: page.nextCursor as string, sort: 'createdAt' as const },
      { cursor: page.nextCursor as string, sort: 'customer' as const, direction: 'asc' as const },
    ]) {
      const e = await errorOf(admin.invoices.list.query({ search: name, ...input }));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.fieldErrors?.cursor).toBeDefined();
    }
  });
});
