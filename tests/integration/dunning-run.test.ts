import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountsFor, runDunning } from '@workmate/db/dunning/run';
import { addDays } from '@workmate/domain/berlin-time';
import { defaultInterest } from '@workmate/domain/dunning';
import { fromCents } from '@workmate/domain/money';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '@workmate/db/orm';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { testEnv } from '../helpers/env.ts';
import { berlinToday, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { userWithRole, type Client } from '../helpers/users.ts';

/**
 * The daily dunning run (issue 15): what it proposes, once per (invoice, level) even under 20
 * concurrent runs, the catch-up after an outage, and that paying or cancelling stops dunning.
 * Other files' invoices share this database, so every run is scoped to this file's invoices (a run
 * of another file at a later day would otherwise propose or supersede notices here, and theirs
 * there), and every invoice has its own 14-day payment term (another file may change the default).
 */
let app: TestApp;
let admin: Client;
/** Enough connections that 20 runs really run at once (the app's own pool has 5). */
let wide: MikroORM;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
  wide = await openOrm(testEnv().databaseUrl, { poolMax: 20 });
});
afterAll(async () => {
  await wide?.close();
  await app?.close();
});

interface NoticeRow {
  id: string;
  level: number;
  status: string;
  outstanding: string;
  interest: string;
  level_fee: string;
  flat_fee: string;
  total: string;
  close_reason: string | null;
}
const sql = <T extends object[]>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const noticesOf = (invoiceId: string) =>
  sql<NoticeRow[]>(`select id, level, status, outstanding::text, interest::text, level_fee::text, flat_fee::text, total::text, close_reason from dunning_notices where invoice_id = ? order by level`, [invoiceId]);
const run = (today: string, ...invoiceIds: string[]) => runDunning(app.orm.em.fork(), today, 'worker', invoiceIds);
const RATES = [{ from: '2025-07-01', rate: '1.27' }, { from: '2026-01-01', rate: '1.27' }];

async function openInvoice(type: 'business' | 'individual' = 'business') {
  const customer = await invoiceCustomer(admin);
  if (type !== 'business') await admin.crm.customers.update.mutate({ id: customer.id, type });
  const invoice = await finalizedInvoice(admin, customer.id, { paymentTermsDays: 14 });
  return { id: invoice.id, dueDate: invoice.dueDate as string, gross: invoice.grossTotal };
}

describe('the dunning run', () => {
  it('proposes nothing before the first level is due, then the payment reminder without fees', async () => {
    const inv = await openInvoice();
    expect(inv.dueDate > berlinToday()).toBe(true);
    await run(addDays(inv.dueDate, 6), inv.id);
    expect(await noticesOf(inv.id)).toEqual([]);
    const result = await run(addDays(inv.dueDate, 7), inv.id);
    const [reminder] = await noticesOf(inv.id);
    expect(reminder).toMatchObject({ level: 1, status: 'proposed', outstanding: inv.gross, interest: '0.00', level_fee: '0.00', flat_fee: '0.00', total: inv.gross });
    expect(result.proposed).toContain(reminder?.id);
    // The creation is audited, in the same statement.
    const audit = await sql<Array<{ action: string; actor_label: string }>>(`select action, actor_label from audit_log where entity = 'dunningNotice' and entity_id = ?`, [reminder?.id]);
    expect(audit).toEqual([{ action: 'create', actor_label: 'worker' }]);
  });

  it('20 concurrent runs make one notice per level; the higher level replaces the open lower proposal', async () => {
    const business = await openInvoice('business');
    const consumer = await openInvoice('individual');
    await run(addDays(business.dueDate, 10), business.id, consumer.id);
    const day = addDays(business.dueDate, 25);
    const results = await Promise.all(Array.from({ length: 20 }, () => runDunning(wide.em.fork(), day, 'worker', [business.id, consumer.id])));
    const b = await noticesOf(business.id);
    expect(b.map((n) => [n.level, n.status])).toEqual([
      [1, 'withdrawn'],
      [2, 'proposed'],
    ]);
    expect(b[0]?.close_reason).toBe('superseded by level 2');
    const c = await noticesOf(consumer.id);
    expect(c.map((n) => [n.level, n.status])).toEqual([
      [1, 'withdrawn'],
      [2, 'proposed'],
    ]);
    // Exactly one of the 20 runs created each notice.
    const created = results.flatMap((r) => r.proposed);
    expect(created.filter((id) => id === b[1]?.id)).toHaveLength(1);
    expect(created.filter((id) => id === c[1]?.id)).toHaveLength(1);
    // Level 2: 5.00 fee, interest from the day after the due date (business +9, consumer +5 points), €40 only for the business.
    const businessInterest = defaultInterest({ outstanding: business.gross, dueDate: business.dueDate, until: day, consumer: false, baseRates: RATES }).interest;
    const consumerInterest = defaultInterest({ outstanding: consumer.gross, dueDate: consumer.dueDate, until: day, consumer: true, baseRates: RATES }).interest;
    expect(b[1]).toMatchObject({ interest: businessInterest, level_fee: '5.00', flat_fee: '40.00' });
    expect(c[1]).toMatchObject({ interest: consumerInterest, level_fee: '5.00', flat_fee: '0.00' });
    expect(businessInterest).not.toBe(consumerInterest);
    // Running again the same day adds nothing.
    const again = await run(day, business.id, consumer.id);
    expect(again.proposed.filter((id) => id === b[1]?.id || id === c[1]?.id)).toEqual([]);
    expect(await noticesOf(business.id)).toHaveLength(2);
  });

  it('a run for some invoices leaves the others alone (and an empty list proposes nothing)', async () => {
    const mine = await openInvoice();
    const other = await openInvoice();
    expect(other.dueDate).toBe(mine.dueDate);
    const result = await run(addDays(mine.dueDate, 60), mine.id);
    expect(result.due).toBe(1);
    expect((await noticesOf(mine.id)).map((n) => [n.level, n.status])).toEqual([[3, 'proposed']]);
    expect(await noticesOf(other.id)).toEqual([]);
    expect(await run(addDays(mine.dueDate, 60))).toEqual({ today: addDays(mine.dueDate, 60), due: 0, proposed: [], superseded: 0 });
    expect(await noticesOf(other.id)).toEqual([]);
  });

  it('a run after an outage proposes the level now due, without the skipped lower ones', async () => {
    const inv = await openInvoice();
    await run(addDays(inv.dueDate, 60), inv.id);
    const notices = await noticesOf(inv.id);
    expect(notices.map((n) => [n.level, n.status])).toEqual([[3, 'proposed']]);
    // The €40 goes on the first notice that charges it: here level 3.
    expect(notices[0]).toMatchObject({ level_fee: '10.00', flat_fee: '40.00' });
  });

  it('the database refuses a second notice of one invoice and level, and a second €40 flat fee', async () => {
    const inv = await openInvoice();
    await run(addDays(inv.dueDate, 25), inv.id);
    const [notice] = await noticesOf(inv.id);
    expect(notice?.flat_fee).toBe('40.00');
    const insert = (level: number, flatFee: string) =>
      sql(
        `insert into dunning_notices (id, invoice_id, level, notice_date, due_date, consumer, outstanding, interest, level_fee, flat_fee, total, interest_periods, title, text, language, proposed_at, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, current_date, current_date, false, 1, 0, 0, ?, 1 + ?::numeric, '[]', 't', 't', 'de', now(), now(), now())`,
        [inv.id, level, flatFee, flatFee],
      );
    await expect(insert(2, '0')).rejects.toThrow(/dunning_notices_invoice_level_unique/);
    await expect(insert(3, '40')).rejects.toThrow(/dunning_notices_flat_fee_once/);
  });

  it('paying the invoice withdraws its proposal and stops dunning', async () => {
    const inv = await openInvoice();
    await run(addDays(inv.dueDate, 10), inv.id);
    expect((await noticesOf(inv.id)).map((n) => n.status)).toEqual(['proposed']);
    await admin.invoices.payments.add.mutate({ invoiceId: inv.id, amount: inv.gross, paymentDate: berlinToday() });
    const [withdrawn] = await noticesOf(inv.id);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', close_reason: 'invoice paid' });
    await run(addDays(inv.dueDate, 60), inv.id);
    expect(await noticesOf(inv.id)).toHaveLength(1);
    const audit = await sql<Array<{ action: string }>>(`select action from audit_log where entity = 'dunningNotice' and entity_id = ? order by id`, [withdrawn?.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('a partial payment lowers what the notice claims', async () => {
    const inv = await openInvoice();
    await admin.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '100.00', paymentDate: berlinToday() });
    await run(addDays(inv.dueDate, 10), inv.id);
    const [first] = await noticesOf(inv.id);
    const cents = (v: string) => BigInt(v.replace('.', ''));
    expect(cents(first?.outstanding ?? '0')).toBe(cents(inv.gross) - 10000n);
    expect(first?.status).toBe('proposed');
  });

  it('a payment after the due date bears interest until it arrived', async () => {
    const inv = await openInvoice();
    await admin.invoices.payments.add.mutate({ invoiceId: inv.id, amount: '300.00', paymentDate: berlinToday() });
    // As if it had arrived five days after the due date (the API refuses future dates; the run looks back from a later day).
    const paidOn = addDays(inv.dueDate, 5);
    await sql(`update payments set payment_date = ? where invoice_id = ?`, [paidOn, inv.id]);
    const day = addDays(inv.dueDate, 25);
    await run(day, inv.id);
    const [notice] = await noticesOf(inv.id);
    const cents = (v: string) => BigInt(v.replace('.', ''));
    const open = fromCents(cents(inv.gross) - 30000n);
    const withPayment = defaultInterest({ outstanding: open, dueDate: inv.dueDate, until: day, consumer: false, baseRates: RATES, latePayments: [{ date: paidOn, amount: '300.00' }] }).interest;
    const without = defaultInterest({ outstanding: open, dueDate: inv.dueDate, until: day, consumer: false, baseRates: RATES }).interest;
    expect(notice).toMatchObject({ level: 2, outstanding: open, interest: withPayment });
    expect(cents(withPayment)).toBeGreaterThan(cents(without));
  });

  it('cancelling the invoice withdraws its proposal and stops dunning', async () => {
    const inv = await openInvoice();
    await run(addDays(inv.dueDate, 10), inv.id);
    await admin.invoices.cancel.mutate({ id: inv.id, reason: 'Doppelt gestellt' });
    expect((await noticesOf(inv.id)).map((n) => [n.status, n.close_reason])).toEqual([['withdrawn', 'invoice cancelled']]);
    await run(addDays(inv.dueDate, 60), inv.id);
    expect(await noticesOf(inv.id)).toHaveLength(1);
  });
});

describe('a proposal left over from a race with a payment', () => {
  it('is withdrawn by the next run', async () => {
    const inv = await openInvoice();
    await admin.invoices.payments.add.mutate({ invoiceId: inv.id, amount: inv.gross, paymentDate: berlinToday() });
    // As if a run had inserted it after the payment's trigger looked (its snapshot still saw the invoice open).
    await sql(
      `insert into dunning_notices (id, invoice_id, level, notice_date, due_date, consumer, outstanding, interest, level_fee, flat_fee, total, interest_periods, title, text, language, proposed_at, created_at, updated_at)
       values (gen_random_uuid(), ?, 1, current_date, current_date, false, 1, 0, 0, 0, 1, '[]', 't', 't', 'de', now(), now(), now())`,
      [inv.id],
    );
    await run(addDays(inv.dueDate, 10), inv.id);
    expect((await noticesOf(inv.id)).map((n) => [n.status, n.close_reason])).toEqual([['withdrawn', 'invoice paid']]);
  });
});

describe('a day without a base rate', () => {
  it('is refused with a code naming the day, never guessed', () => {
    const row = { outstanding: '100.00', due_date: '2015-01-10', customer_type: 'business', fee: '0.00', charges_interest: true, charges_flat_fee: false, flat_fee_charged: false };
    expect(() => amountsFor(row, '2015-02-01', [{ from: '2016-07-01', rate: '-0.88' }])).toThrow(expect.objectContaining({ issue: { code: 'dunning.noBaseRate', params: { day: '2015-01-11' } } }));
  });
});
