import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSettlement } from '@workmate/db/bookkeeping/auto-settlement';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { refusesBadInput } from '../helpers/bad-input.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { berlinToday, draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Refunds (Erstattungen): money paid back to a customer who overpaid an invoice (here: paid in
 * full, then a credit note of 226.10 with 36.10 VAT at 19 %). Never more than the overpayment,
 * also not by two refunds at once; posted Dr debtor / Cr bank (cash) in the same transaction,
 * under Ist-Versteuerung with the VAT kept due released (Dr 1776 / Cr 1766); deleting one
 * reverses its posting. Its own database: it switches the VAT method and locks a month.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let admin: Client;
let accountant: Awaited<ReturnType<typeof userWithRole>>;
let manager: Client;

beforeAll(async () => {
  db = await freshDatabase('workmate_refunds');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = await userWithRole(app, 'Accountant');
  manager = (await userWithRole(app, 'Manager')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const today = berlinToday();

/** The lines posted for a business record: [kind, account number, cents], in posting order. */
async function postings(sourceId: string): Promise<Array<[string, number, number]>> {
  const rows = await sql<Array<{ kind: string; number: number; amount: string }>>(
    `select e.kind, a.number, l.amount::text from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
     where e.source_id = ? order by e.entry_number, l.line_no`,
    [sourceId],
  );
  return rows.map((r) => [r.kind, r.number, Number(r.amount)]);
}

/** An account's balance in cents (by SKR03 number, or a customer's debtor account). */
async function balance(where: { number?: number; customerId?: string }): Promise<number> {
  const [row] = await sql<Array<{ b: string }>>(
    `select coalesce(sum(l.amount), 0)::text as b from journal_lines l join ledger_accounts a on a.id = l.account_id
     where ${where.customerId ? 'a.customer_id = ?' : `a.number = ? and a.chart = 'SKR03'`}`,
    [where.customerId ?? where.number],
  );
  return Number(row?.b ?? 0);
}

/** The invoice's balance on the not-yet-due 19 % VAT account (Ist), in cents. */
async function notDue19(invoiceId: string): Promise<number> {
  const [row] = await sql<Array<{ b: string }>>(
    `select coalesce(sum(l.amount), 0)::text as b from journal_lines l join ledger_accounts a on a.id = l.account_id
     where a.role = 'vatOutNotDue19' and l.entry_id in (select entry_id from journal_lines where open_item_id = ?)`,
    [invoiceId],
  );
  return Number(row?.b ?? 0);
}

async function openItem(customerId: string, invoiceId: string) {
  const list = await accountant.client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customerId, includeSettled: true });
  return list.items.find((i) => i.id === invoiceId)?.open;
}

// The default lines: 950.00 at 19 % (VAT 180.50) and 99.80 at 7 % (VAT 6.99): gross 1,237.29.
/** A finalized invoice paid in full (on `paidOn`), then corrected by 2 × 95.00 at 19 %: 226.10 overpaid. */
async function overpaidInvoice(paidOn = today) {
  const client = accountant.client;
  const customer = await invoiceCustomer(admin);
  const invoice = await client.invoices.finalize.mutate({ id: (await draftInvoice(client, customer.id)).id });
  const payment = await client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1237.29', paymentDate: paidOn });
  const note = await client.invoices.creditNotes.create.mutate({ invoiceId: invoice.id, lines: [{ description: 'Zu viel', quantity: '2', unitPrice: '95.00', taxRate: 19 }] });
  await client.invoices.finalize.mutate({ id: note.id });
  return { customer, invoice, payment };
}

async function withIst<T>(fn: () => Promise<T>): Promise<T> {
  await admin.core.settings.update.mutate({ vatMethod: 'ist' });
  try {
    return await fn();
  } finally {
    await admin.core.settings.update.mutate({ vatMethod: 'soll' });
  }
}

const entryCount = async () => (await sql<Array<{ n: number }>>(`select count(*)::int as n from journal_entries`))[0]?.n;

describe('recording a refund', () => {
  it('Soll: pays back the overpayment Dr debtor / Cr bank 1200; the invoice stays paid, its open item and the debtor account end at 0', async () => {
    const { customer, invoice } = await overpaidInvoice();
    const before = await accountant.client.invoices.get.query({ id: invoice.id });
    expect(before).toMatchObject({ status: 'paid', paidAmount: '1237.29', refundableAmount: '226.10', refunds: [] });
    expect(await openItem(customer.id, invoice.id)).toBe('-226.10');

    const refund = await accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '226.10', refundDate: today, reference: 'Gutschrift zurück' });
    expect(refund).toMatchObject({ invoiceId: invoice.id, amount: '226.10', refundDate: today, method: 'bank_transfer', reference: 'Gutschrift zurück' });
    const debtor = (await postings(invoice.id)).find(([, n]) => n >= 10000)![1];
    expect(await postings(refund.id)).toEqual([
      ['refund:1', debtor, 22610],
      ['refund:1', 1200, -22610],
    ]);
    const after = await accountant.client.invoices.get.query({ id: invoice.id });
    // Paid is the payments less the refunds: exactly what is due after the credit note.
    expect(after).toMatchObject({ status: 'paid', paidAmount: '1011.19', outstandingAmount: '0.00', refundableAmount: '0.00' });
    expect(after.refunds.map((r) => r.id)).toEqual([refund.id]);
    expect(after.history.some((h) => h.entity === 'refund' && h.action === 'create')).toBe(true);
    expect(await accountant.client.invoices.refunds.list.query({ invoiceId: invoice.id })).toMatchObject([{ id: refund.id, amount: '226.10' }]);
    expect(await openItem(customer.id, invoice.id)).toBe('0.00');
    expect(await balance({ customerId: customer.id })).toBe(0);
    // Audited, with its author.
    const [audit] = await sql<Array<{ actor_id: string }>>(`select actor_id from audit_log where entity = 'refund' and entity_id = ? and action = 'create'`, [refund.id]);
    expect(audit?.actor_id).toBe(accountant.employee.id);
    // Posted once: synced again (as on a redelivery), nothing new.
    const n = await entryCount();
    await app.orm.em.fork().transactional((tx) => syncSettlement(tx, invoice.id));
    expect(await entryCount()).toBe(n);
  });

  it('Ist: each refund releases its share of the VAT kept due (Dr 1776 / Cr 1766); the whole overpayment releases the 36.10 to the cent', async () => {
    await withIst(async () => {
      const before19 = await balance({ number: 1776 });
      const before7 = await balance({ number: 1771 });
      const { customer, invoice, payment } = await overpaidInvoice();
      const paymentLines = await postings(payment.id);
      // The credit note keeps the VAT of the money received due: 36.10 wait on 1766 for the refund.
      expect((await balance({ number: 1776 })) - before19).toBe(-18050);
      expect(await notDue19(invoice.id)).toBe(3610);

      // 100.00 of 226.10 back: 36.10 × 100.00 / 226.10 = 15.97 released.
      const first = await accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '100.00', refundDate: today });
      const debtor = (await postings(invoice.id)).find(([, n]) => n >= 10000)![1];
      expect((await postings(first.id)).map(([, n, a]) => [n, a]).sort()).toEqual([
        [1200, -10000],
        [1766, -1597],
        [1776, 1597],
        [debtor, 10000],
      ].sort());
      expect((await balance({ number: 1776 })) - before19).toBe(-18050 + 1597);
      // The rest in cash: Cr cash 1000, and the VAT left (20.13) released.
      const second = await accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '126.10', refundDate: today, method: 'cash' });
      expect((await postings(second.id)).map(([, n, a]) => [n, a]).sort()).toEqual([
        [1000, -12610],
        [1766, -2013],
        [1776, 2013],
        [debtor, 12610],
      ].sort());
      // Output VAT is now that of what is due after the credit note: 180.50 − 36.10; 7 % untouched.
      expect((await balance({ number: 1776 })) - before19).toBe(-14440);
      expect((await balance({ number: 1771 })) - before7).toBe(-699);
      expect(await notDue19(invoice.id)).toBe(0);
      expect(await openItem(customer.id, invoice.id)).toBe('0.00');
      expect(await balance({ customerId: customer.id })).toBe(0);
      // The payment's entry was never rewritten: the release is the refunds' own.
      expect(await postings(payment.id)).toEqual(paymentLines);
      const vat = await accountant.client.bookkeeping.reports.vatReturn.query({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
      expect(vat.fields['81tax']).toBe(((-(await balance({ number: 1776 }))) / 100).toFixed(2));
    });
  });

  it('Ist: a refund of a payment made in a month locked since is posted in the refund’s month, the locked month untouched', async () => {
    await withIst(async () => {
      const year = Number(today.slice(0, 4));
      const month = Number(today.slice(5, 7));
      const lockYear = month === 1 ? year - 1 : year;
      const lockMonth = month === 1 ? 12 : 1;
      const paidOn = `${lockYear}-${String(lockMonth).padStart(2, '0')}-15`;
      const { customer, invoice } = await overpaidInvoice(paidOn);
      await accountant.client.bookkeeping.periods.lock.mutate({ year: lockYear, month: lockMonth });
      const refund = await accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '226.10', refundDate: today });
      const [entry] = await sql<Array<{ d: string }>>(`select to_char(entry_date, 'YYYY-MM-DD') as d from journal_entries where source_id = ?`, [refund.id]);
      expect(entry?.d).toBe(today);
      expect(await notDue19(invoice.id)).toBe(0);
      expect(await balance({ customerId: customer.id })).toBe(0);
    });
  });
});

describe('refused refunds', () => {
  it('refuses more than the overpayment and an invoice without one with a 409 naming amount; nothing changes', async () => {
    const { invoice } = await overpaidInvoice();
    const n = await entryCount();
    const over = await errorOf(accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '226.11', refundDate: today }));
    expect(over).toMatchObject({ code: 'CONFLICT', httpStatus: 409, appCode: 'invoice.refundExceedsOverpaid', params: { overpaid: '226.10' } });
    expect(Object.keys(over.fieldErrors ?? {})).toEqual(['amount']);

    const customer = await invoiceCustomer(admin);
    const partly = await accountant.client.invoices.finalize.mutate({ id: (await draftInvoice(accountant.client, customer.id)).id });
    await accountant.client.invoices.payments.add.mutate({ invoiceId: partly.id, amount: '500.00', paymentDate: today });
    const none = await errorOf(accountant.client.invoices.refunds.record.mutate({ invoiceId: partly.id, amount: '1.00', refundDate: today }));
    expect(none).toMatchObject({ code: 'CONFLICT', httpStatus: 409, appCode: 'invoice.nothingToRefund' });
    expect(Object.keys(none.fieldErrors ?? {})).toEqual(['amount']);
    expect(await entryCount()).toBe((n ?? 0) + 2);
    const [row] = await sql<Array<{ n: number }>>(`select count(*)::int as n from refunds where invoice_id in (?, ?)`, [invoice.id, partly.id]);
    expect(row?.n).toBe(0);
    expect((await accountant.client.invoices.get.query({ id: invoice.id })).paidAmount).toBe('1237.29');
  });

  it('concurrent refunds queue on the invoice row: together they never pay back more than was overpaid', async () => {
    const { customer, invoice } = await overpaidInvoice();
    const clients = await Promise.all(Array.from({ length: 5 }, async () => (await userWithRole(app, 'Accountant')).client));
    const results = await Promise.allSettled(clients.map((c) => c.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '100.00', refundDate: today })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason.data?.appCode).toBe('invoice.refundExceedsOverpaid');
    const [row] = await sql<Array<{ total: string }>>(`select sum(amount)::text as total from refunds where invoice_id = ?`, [invoice.id]);
    expect(row?.total).toBe('200.00');
    expect(await accountant.client.invoices.get.query({ id: invoice.id })).toMatchObject({ paidAmount: '1037.29', refundableAmount: '26.10', status: 'paid' });
    expect(await openItem(customer.id, invoice.id)).toBe('-26.10');
  });

  it('a payment may not be deleted or lowered below what was refunded on it (409); deleting the refund first lets it', async () => {
    const { invoice, payment } = await overpaidInvoice();
    const refund = await accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '226.10', refundDate: today });
    const deleted = await errorOf(accountant.client.invoices.payments.delete.mutate({ id: payment.id }));
    expect(deleted).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.refundsExceedPaid' });
    const lowered = await errorOf(accountant.client.invoices.payments.update.mutate({ id: payment.id, version: payment.version, amount: '1200.00' }));
    expect(lowered).toMatchObject({ code: 'CONFLICT', appCode: 'invoice.refundsExceedPaid' });
    expect(Object.keys(lowered.fieldErrors ?? {})).toEqual(['amount']);
    await accountant.client.invoices.refunds.delete.mutate({ id: refund.id });
    await accountant.client.invoices.payments.delete.mutate({ id: payment.id });
    expect(await accountant.client.invoices.get.query({ id: invoice.id })).toMatchObject({ paidAmount: '0.00', refundableAmount: '0.00', outstandingAmount: '1011.19' });
  });

  it('refuses a caller without invoices.payments (Manager): FORBIDDEN, nothing recorded or deleted', async () => {
    const { invoice } = await overpaidInvoice();
    expect(await errorOf(manager.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '1.00', refundDate: today }))).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
    const refund = await accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '1.00', refundDate: today });
    expect(await errorOf(manager.invoices.refunds.delete.mutate({ id: refund.id }))).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
    expect((await accountant.client.invoices.refunds.list.query({ invoiceId: invoice.id })).map((r) => r.id)).toEqual([refund.id]);
  });
});

describe('deleting a refund', () => {
  it('reverses its posting on the correction day (Ist: the VAT goes back to not yet due); the overpayment is open again', async () => {
    await withIst(async () => {
      const { customer, invoice } = await overpaidInvoice();
      const refund = await accountant.client.invoices.refunds.record.mutate({ invoiceId: invoice.id, amount: '226.10', refundDate: today });
      expect(await notDue19(invoice.id)).toBe(0);
      await accountant.client.invoices.refunds.delete.mutate({ id: refund.id });
      const lines = await postings(refund.id);
      const posted = lines.filter(([k]) => k === 'refund:1');
      const reversed = lines.filter(([k]) => k === 'refund:1:reversal');
      expect(posted).toHaveLength(4);
      expect(reversed.map(([, n, a]) => [n, -a]).sort()).toEqual(posted.map(([, n, a]) => [n, a]).sort());
      const [rev] = await sql<Array<{ d: string }>>(`select to_char(entry_date, 'YYYY-MM-DD') as d from journal_entries where source_id = ? and kind = 'refund:1:reversal'`, [refund.id]);
      expect(rev?.d).toBe(today);
      expect(await notDue19(invoice.id)).toBe(3610);
      expect(await openItem(customer.id, invoice.id)).toBe('-226.10');
      expect(await accountant.client.invoices.get.query({ id: invoice.id })).toMatchObject({ paidAmount: '1237.29', refundableAmount: '226.10', refunds: [] });
      expect(await errorOf(accountant.client.invoices.refunds.delete.mutate({ id: refund.id }))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});

describe('bad input to refunds', () => {
  let invoiceId = '';
  beforeAll(async () => {
    invoiceId = (await overpaidInvoice()).invoice.id;
  });
  const snapshot = async () =>
    (
      await sql(
        `select (select count(*) from refunds) as refunds, (select count(*) from journal_entries) as entries,
                (select paid_amount::text from invoices where id = ?) as paid, (select count(*) from audit_log where entity = 'refund') as audit`,
        [invoiceId],
      )
    )[0];
  refusesBadInput(
    [
      ['a refund of zero', () => accountant.client.invoices.refunds.record.mutate({ invoiceId, amount: '0', refundDate: today }), 'amount'],
      ['a negative refund', () => accountant.client.invoices.refunds.record.mutate({ invoiceId, amount: '-5.00', refundDate: today }), 'amount'],
      ['a refund with three decimal places', () => accountant.client.invoices.refunds.record.mutate({ invoiceId, amount: '1.001', refundDate: today }), 'amount'],
      ['a refund dated in the future', () => accountant.client.invoices.refunds.record.mutate({ invoiceId, amount: '1.00', refundDate: '2099-01-01' }), 'refundDate'],
      ['a refund date that is not a date', () => accountant.client.invoices.refunds.record.mutate({ invoiceId, amount: '1.00', refundDate: '31.12.2026' }), 'refundDate'],
      ['a refund with an unknown method', () => accountant.client.invoices.refunds.record.mutate({ invoiceId, amount: '1.00', refundDate: today, method: 'bitcoin' } as never), 'method'],
      ['a refund on an unknown invoice', () => accountant.client.invoices.refunds.record.mutate({ invoiceId: '00000000-0000-4000-8000-000000000000', amount: '1.00', refundDate: today }), 'invoiceId'],
      ['deleting an unknown refund', () => accountant.client.invoices.refunds.delete.mutate({ id: '00000000-0000-4000-8000-000000000000' }), 'id'],
    ],
    snapshot,
  );
});
