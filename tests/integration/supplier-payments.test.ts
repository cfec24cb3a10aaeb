import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSupplierPayments } from '@workmate/db/bookkeeping/auto-supplier-payments';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { sampleXml, uploadEInvoice } from '../helpers/einvoices.ts';
import { berlinToday } from '../helpers/invoices.ts';
import { errorOf, userWithRole } from '../helpers/users.ts';

/**
 * Paying a received invoice (issue 16): the payment is recorded with its posting in one
 * transaction — Dr creditor / Cr bank (cash 1000), with Skonto received Cr 3736 · 3731 per rate
 * and Cr input VAT 1576 · 1571 (the §17 correction) — posted once, reversed when deleted; the
 * supplier's open item is gross − payments − Skonto and reconciles with the creditor account.
 * The sample invoice: 1,000.00 at 19 % + 99.99 at 7 % = 1,296.99 gross. Its own database: files
 * that count the received invoices of the shared one (einvoice-in.test.ts) never see these.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let accountant: Awaited<ReturnType<typeof userWithRole>>;

beforeAll(async () => {
  db = await freshDatabase('workmate_supplier_payments');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  accountant = await userWithRole(app, 'Accountant');
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const today = berlinToday();

async function receivedInvoice(approve = true): Promise<{ id: string; supplierId: string }> {
  const vatId = `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  const upload = await uploadEInvoice(app, accountant.token, await sampleXml('UBL', { vatId }));
  const id = upload.body.invoice!.id;
  if (approve) await accountant.client.purchases.inbox.approve.mutate({ id });
  const [row] = await sql<Array<{ supplier_id: string }>>(`select supplier_id from supplier_invoices where id = ?`, [id]);
  return { id, supplierId: row!.supplier_id };
}

/** The lines posted for the payments of a received invoice: [kind, account number, cents]. */
async function paymentPostings(supplierInvoiceId: string): Promise<Array<[string, number, number]>> {
  const rows = await sql<Array<{ kind: string; number: number; amount: string }>>(
    `select e.kind, a.number, l.amount::text from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
     where e.source_type = 'supplierPayment' and e.source_id in (select id from supplier_payments where supplier_invoice_id = ?)
     order by e.entry_number, l.line_no`,
    [supplierInvoiceId],
  );
  return rows.map((r) => [r.kind, r.number >= 70000 ? 70000 : r.number, Number(r.amount)]);
}

async function creditorBalance(supplierId: string): Promise<number> {
  const [row] = await sql<Array<{ b: string }>>(`select coalesce(sum(l.amount), 0)::text as b from journal_lines l join ledger_accounts a on a.id = l.account_id where a.supplier_id = ?`, [supplierId]);
  return Number(row?.b ?? 0);
}

describe('supplier payments', () => {
  it('posts a partial payment and a final one with Skonto received: creditor / bank, Skonto and input VAT per rate; the open item follows', async () => {
    const { id, supplierId } = await receivedInvoice();
    expect(await creditorBalance(supplierId)).toBe(-129699);
    const first = await accountant.client.purchases.inbox.payments.record.mutate({ supplierInvoiceId: id, amount: '1000.00', paymentDate: today, reference: 'Überweisung 1' });
    expect(first).toMatchObject({ paidAmount: '1000.00', skontoAmount: '0.00', openAmount: '296.99' });
    let open = await accountant.client.bookkeeping.openItems.list.query({ side: 'creditor', partyId: supplierId });
    expect(open.items.map((i) => [i.id, i.amount, i.open])).toEqual([[id, '1296.99', '296.99']]);
    expect(open.parties[0]).toMatchObject({ balance: '296.99', openItems: '296.99' });

    const second = await accountant.client.purchases.inbox.payments.record.mutate({ supplierInvoiceId: id, amount: '270.00', paymentDate: today, skontoAmount: '26.99' });
    expect(second).toMatchObject({ paidAmount: '1270.00', skontoAmount: '26.99', openAmount: '0.00' });
    expect(await paymentPostings(id)).toEqual([
      ['payment:1', 70000, 100000],
      ['payment:1', 1200, -100000],
      // 26.99 split by gross: 24.76 at 19 % (20.81 + 3.95), 2.23 at 7 % (2.08 + 0.15).
      ['payment:1', 70000, 29699],
      ['payment:1', 1200, -27000],
      ['payment:1', 3736, -2081],
      ['payment:1', 1576, -395],
      ['payment:1', 3731, -208],
      ['payment:1', 1571, -15],
    ]);
    const [tax] = await sql<Array<{ code: string; base: string }>>(
      `select l.tax_code as code, l.tax_base::text as base from journal_lines l join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
       where e.source_type = 'supplierPayment' and e.source_id = ? and a.number = 1576`,
      [second.payments[1]!.id],
    );
    expect(tax).toEqual({ code: 'VST19', base: '-2081' });
    expect(await creditorBalance(supplierId)).toBe(0);
    open = await accountant.client.bookkeeping.openItems.list.query({ side: 'creditor', partyId: supplierId, includeSettled: true });
    expect(open.items.map((i) => [i.amount, i.open])).toEqual([['1296.99', '0.00']]);

    // Posted once: the subscriber running again for the same state posts nothing.
    const count = async () => Number((await sql<Array<{ n: string }>>(`select count(*)::text as n from journal_entries where source_type = 'supplierPayment'`))[0]?.n);
    const before = await count();
    await app.orm.em.fork().transactional((tx) => syncSupplierPayments(tx, id));
    expect(await count()).toBe(before);

    const detail = await accountant.client.purchases.inbox.get.query({ id });
    expect(detail.settlement.payments.map((p) => [p.amount, p.skontoAmount, p.method])).toEqual([['1000.00', null, 'bank'], ['270.00', '26.99', 'bank']]);
    expect((await errorOf(accountant.client.purchases.inbox.payments.record.mutate({ supplierInvoiceId: id, amount: '1.00', paymentDate: today }))).appCode).toBe('supplierInvoice.alreadyPaid');
  });

  it('posts a cash payment to the cash account; deleting it reverses its posting and opens the item again (audited)', async () => {
    const { id, supplierId } = await receivedInvoice();
    const paid = await accountant.client.purchases.inbox.payments.record.mutate({ supplierInvoiceId: id, amount: '1296.99', paymentDate: today, method: 'cash' });
    expect(paid.openAmount).toBe('0.00');
    expect(await paymentPostings(id)).toEqual([['payment:1', 70000, 129699], ['payment:1', 1000, -129699]]);
    const paymentId = paid.payments[0]!.id;
    const after = await accountant.client.purchases.inbox.payments.delete.mutate({ id: paymentId });
    expect(after).toMatchObject({ paidAmount: '0.00', openAmount: '1296.99', payments: [] });
    const [rows] = [await sql<Array<{ kind: string; number: number; amount: string }>>(
      `select e.kind, a.number, l.amount::text from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
       where e.source_type = 'supplierPayment' and e.source_id = ? order by e.entry_number, l.line_no`,
      [paymentId],
    )];
    expect(rows.map((r) => [r.kind, r.number >= 70000 ? 70000 : r.number, Number(r.amount)])).toEqual([
      ['payment:1', 70000, 129699], ['payment:1', 1000, -129699],
      ['payment:1:reversal', 70000, -129699], ['payment:1:reversal', 1000, 129699],
    ]);
    expect(await creditorBalance(supplierId)).toBe(-129699);
    const audit = await sql<Array<{ action: string }>>(`select action from audit_log where entity = 'supplierPayment' and entity_id = ? order by id`, [paymentId]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('never pays more than is open; bad input is 400 naming the field; only approved invoices; permission checked', async () => {
    const { id } = await receivedInvoice();
    const c = accountant.client.purchases.inbox.payments;
    const over = await errorOf(c.record.mutate({ supplierInvoiceId: id, amount: '1297.00', paymentDate: today }));
    expect([over.code, over.appCode, Object.keys(over.fieldErrors ?? {})]).toEqual(['CONFLICT', 'supplierInvoice.paymentExceedsOpen', ['amount']]);
    const overSkonto = await errorOf(c.record.mutate({ supplierInvoiceId: id, amount: '1270.00', skontoAmount: '27.00', paymentDate: today }));
    expect([overSkonto.code, Object.keys(overSkonto.fieldErrors ?? {})]).toEqual(['CONFLICT', ['skontoAmount']]);
    for (const [input, field] of [
      [{ amount: '12.345' }, 'amount'],
      [{ amount: '-5' }, 'amount'],
      [{ amount: '0' }, 'amount'],
      [{ skontoAmount: 'abc' }, 'skontoAmount'],
      [{ paymentDate: '2026-13-01' }, 'paymentDate'],
      [{ method: 'paypal' }, 'method'],
      [{ supplierInvoiceId: 'x' }, 'supplierInvoiceId'],
    ] as const) {
      const bad = await errorOf(c.record.mutate({ supplierInvoiceId: id, amount: '10.00', paymentDate: today, ...(input as object) } as never));
      expect([bad.code, bad.httpStatus, Object.keys(bad.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', 400, [field]]);
    }
    const future = await errorOf(c.record.mutate({ supplierInvoiceId: id, amount: '10.00', paymentDate: '2099-01-01' }));
    expect([future.code, Object.keys(future.fieldErrors ?? {})]).toEqual(['BAD_REQUEST', ['paymentDate']]);
    const draft = await receivedInvoice(false);
    const notPayable = await errorOf(c.record.mutate({ supplierInvoiceId: draft.id, amount: '10.00', paymentDate: today }));
    expect([notPayable.code, notPayable.appCode]).toEqual(['CONFLICT', 'supplierInvoice.notPayable']);
    for (const role of ['Auditor', 'Employee'] as const) {
      const other = await userWithRole(app, role);
      expect((await errorOf(other.client.purchases.inbox.payments.record.mutate({ supplierInvoiceId: id, amount: '10.00', paymentDate: today }))).code).toBe('FORBIDDEN');
    }
    expect((await accountant.client.purchases.inbox.get.query({ id })).settlement.openAmount).toBe('1296.99');
  });
});
