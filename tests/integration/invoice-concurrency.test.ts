import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizeLocked } from '@workmate/db/invoices/finalize';
import { lockInvoice } from '@workmate/db/invoices/queries';
import { nextNumber } from '@workmate/db/shared/numbering';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { berlinToday, draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { codeOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/** Numbers, payments and time billing under concurrent requests: what must never break when people click at once. */
let app: TestApp;
let admin: Client;
let accountants: Client[];
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
  // Several API clients, so the calls travel as separate HTTP requests.
  accountants = [];
  for (let i = 0; i < 10; i++) accountants.push((await userWithRole(app, 'Accountant')).client);
});
afterAll(async () => app?.close());

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);

/** The counters of every committed invoice number of this year, ascending. */
async function committedCounters(year: string): Promise<number[]> {
  const rows = await sql<Array<{ number: string }>>(`select number from invoices where type = 'invoice' and number like ?`, [`RE-${year}-%`]);
  return rows.map((r) => Number(r.number.split('-')[2])).sort((a, b) => a - b);
}

describe('gap-free numbering', () => {
  it('the counter gives 50 concurrent transactions 50 consecutive numbers, and a rollback gives its number back', async () => {
    const series = `test-${randomUUID().slice(0, 8)}`;
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () => app.orm.em.fork().transactional((tx) => nextNumber(tx, series, 'T-{NNN}'))),
    );
    expect(numbers.slice().sort()).toEqual(Array.from({ length: 50 }, (_, i) => `T-${String(i + 1).padStart(3, '0')}`));
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        expect(await nextNumber(tx, series, 'T-{NNN}')).toBe('T-051');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await app.orm.em.fork().transactional((tx) => nextNumber(tx, series, 'T-{NNN}'))).toBe('T-051');
  });

  it('50 concurrent finalizations get 50 unique numbers, and the series stays without a gap', async () => {
    const customer = await invoiceCustomer(admin);
    const drafts = await Promise.all(Array.from({ length: 50 }, (_, i) => draftInvoice(accountants[i % 10] as Client, customer.id)));
    const done = await Promise.all(drafts.map((d, i) => (accountants[(i + 3) % 10] as Client).invoices.finalize.mutate({ id: d.id })));
    const numbers = done.map((d) => d.number as string);
    expect(new Set(numbers).size).toBe(50);
    const year = berlinToday().slice(0, 4);
    const mine = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    // Every committed number of the series, from every test running in parallel: 1, 2, 3, … without a hole.
    const all = await committedCounters(year);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all).toEqual(expect.arrayContaining(mine));
  });

  it('a finalize that rolls back leaves no gap: the next invoice gets its number', async () => {
    const customer = await invoiceCustomer(admin);
    const draft = await draftInvoice(accountants[0] as Client, customer.id);
    let taken = '';
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        const invoice = await lockInvoice(tx, draft.id);
        await finalizeLocked(tx, invoice);
        await tx.flush();
        taken = invoice.number as string;
        throw new Error('the mail server was down, roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(taken).toMatch(/^RE-/);
    expect((await admin.invoices.get.query({ id: draft.id })).status).toBe('draft');
    const year = berlinToday().slice(0, 4);
    const all = await committedCounters(year);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all).not.toContain(Number(taken.split('-')[2]));
    // The number that was rolled back is handed out again (unless a parallel test took it first, which is fine: then it is committed).
    const next = await (accountants[1] as Client).invoices.finalize.mutate({ id: draft.id });
    expect(Number((next.number as string).split('-')[2])).toBeGreaterThanOrEqual(Number(taken.split('-')[2]));
    const after = await committedCounters(year);
    expect(after).toEqual(Array.from({ length: after.length }, (_, i) => i + 1));
  });
});

describe('payments under concurrency', () => {
  it('50 concurrent payments on one invoice never exceed its total', async () => {
    const customer = await invoiceCustomer(admin);
    // Gross 119.00: eleven payments of 10.00 fit, the rest are refused.
    const inv = await finalizedInvoice(admin, customer.id, { lines: [{ description: 'Pauschale', quantity: '1', unit: 'pauschal', unitPrice: '100.00', taxRate: 19 }] });
    expect(inv.grossTotal).toBe('119.00');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => codeOf((accountants[i % 10] as Client).invoices.payments.add.mutate({ invoiceId: inv.id, amount: '10.00', paymentDate: berlinToday() }))),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(11);
    // An overpayment is a conflict with the invoice's state, like a payment on a paid one.
    expect(results.filter((r) => r !== 'OK').every((r) => r === 'CONFLICT')).toBe(true);
    const after = await admin.invoices.get.query({ id: inv.id });
    expect(after).toMatchObject({ paidAmount: '110.00', outstandingAmount: '9.00', status: 'partially_paid' });
    const sum = await sql<Array<{ s: string }>>('select sum(amount)::text as s from payments where invoice_id = ?', [inv.id]);
    expect(sum[0]?.s).toBe('110.00');
    // The rest pays it in full; one cent more is refused.
    expect(await codeOf(admin.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '9.01', paymentDate: berlinToday() }))).toBe('CONFLICT');
    await admin.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '9.00', paymentDate: berlinToday(), method: 'cash' });
    expect((await admin.invoices.get.query({ id: inv.id })).status).toBe('paid');
  });
});

describe('billing time entries concurrently', () => {
  async function projectWithTime(entries: number) {
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: unique('Abrechnung'), customerId: customer.id, hourlyRate: '90', status: 'active' });
    const { client } = await userWithRole(app, 'Employee');
    const ids: string[] = [];
    for (let i = 0; i < entries; i++) {
      const start = new Date(Date.UTC(2026, 9, 5 + i, 8, 0));
      ids.push((await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: start.toISOString(), endTime: new Date(start.getTime() + 90 * 60_000).toISOString() })).id);
    }
    return { project, ids };
  }

  it('two to six concurrent calls over the same range bill each entry exactly once', async () => {
    const { project, ids } = await projectWithTime(6);
    const calls = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (accountants[i] as Client).invoices.createFromTimeEntries.mutate({ projectId: project.id, from: '2026-10-01', to: '2026-10-31', groupBy: 'day' }).then(
          (d) => ({ ok: true as const, d }),
          (e: { data?: { code?: string } }) => ({ ok: false as const, code: e.data?.code }),
        ),
      ),
    );
    const ok = calls.filter((c) => c.ok);
    expect(ok).toHaveLength(1);
    expect(calls.filter((c) => !c.ok).map((c) => (c.ok ? '' : c.code))).toEqual(Array(5).fill('CONFLICT'));
    const links = await sql<Array<{ id: string; invoice_line_id: string | null; is_invoiced: boolean }>>(
      'select id, invoice_line_id, is_invoiced from time_entries where id in (?)',
      [ids],
    );
    expect(links.every((l) => l.invoice_line_id !== null && l.is_invoiced)).toBe(true);
    const draft = ok[0]?.ok ? ok[0].d : null;
    // 6 days × 1.5 h × 90 € = 810.00 net, one line per day.
    expect(draft?.lines.map((l) => [l.quantity, l.unitPrice, l.netAmount, l.timeEntryCount])).toEqual(Array(6).fill(['1.5', '90.00', '135.00', 1]));
    expect(draft?.netTotal).toBe('810.00');
    expect(draft?.servicePeriodFrom).toBe('2026-10-05');
    expect(draft?.servicePeriodTo).toBe('2026-10-10');
  });

  it('explicit ids: concurrent calls never bill an entry twice, and deleting the draft releases the entries', async () => {
    const { project, ids } = await projectWithTime(3);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => codeOf((accountants[i] as Client).invoices.createFromTimeEntries.mutate({ projectId: project.id, entryIds: ids, groupBy: 'total' }))),
    );
    expect(results.sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const [draft] = (await admin.invoices.list.query({ projectId: project.id })).items;
    expect(draft).toBeDefined();
    const full = await admin.invoices.get.query({ id: draft?.id as string });
    expect(full.lines.map((l) => [l.quantity, l.netAmount, l.timeEntryCount])).toEqual([['4.5', '405.00', 3]]);
    // An invoiced entry is locked for everyone.
    expect(await codeOf(admin.timeTracking.entries.update.mutate({ id: ids[0] as string, note: 'nachträglich' }))).toBe('CONFLICT');
    await admin.invoices.delete.mutate({ id: full.id });
    const released = await sql<Array<{ invoice_line_id: string | null; is_invoiced: boolean }>>('select invoice_line_id, is_invoiced from time_entries where id in (?)', [ids]);
    expect(released.every((r) => r.invoice_line_id === null && !r.is_invoiced)).toBe(true);
    const again = await admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, from: '2026-10-01', to: '2026-10-31', groupBy: 'entry' });
    expect(again.lines).toHaveLength(3);
  });

  it('cancelling a time invoice hands its time to the corrected copy, or releases it', async () => {
    const { project, ids } = await projectWithTime(2);
    const linked = async () =>
      sql<Array<{ invoice_id: string | null; is_invoiced: boolean }>>(
        'select l.invoice_id, e.is_invoiced from time_entries e left join invoice_lines l on l.id = e.invoice_line_id where e.id in (?) order by e.start_time',
        [ids],
      );
    const first = await admin.invoices.finalize.mutate({ id: (await admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, entryIds: ids, groupBy: 'entry' })).id });
    const { correction } = await admin.invoices.cancel.mutate({ id: first.id, createCorrection: true });
    expect(correction?.lines.map((l) => l.timeEntryCount)).toEqual([1, 1]);
    expect(await linked()).toEqual([
      { invoice_id: correction?.id, is_invoiced: true },
      { invoice_id: correction?.id, is_invoiced: true },
    ]);
    const second = await admin.invoices.finalize.mutate({ id: correction?.id as string });
    await admin.invoices.cancel.mutate({ id: second.id });
    expect(await linked()).toEqual([
      { invoice_id: null, is_invoiced: false },
      { invoice_id: null, is_invoiced: false },
    ]);
    // Each move is in the audit trail of the entry.
    const trail = await sql<Array<{ n: string }>>(`select count(*) as n from audit_log where entity = 'timeEntry' and entity_id = ? and changes ->> 'invoiceLine' is not null`, [ids[0]]);
    expect(Number(trail[0]?.n)).toBe(3);
  });
});
