import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { berlinToday, draftInvoice, finalizedInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { unique, userWithRole, type Client } from '../helpers/users.ts';

/** invoices.statistics against figures computed by hand from a fixed fixture (one customer, narrowed by customerId). */
let app: TestApp;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  await prepareInvoicing(admin);
});
afterAll(async () => app?.close());

/**
 * Dates an invoice back, as if it had been issued then. Finalized invoices are frozen by a
 * trigger; a test fixture may step around it for its own session (session_replication_role).
 */
async function issuedOn(id: string, issueDate: string, dueDate: string) {
  await app.orm.em.fork().transactional(async (tx) => {
    const ctx = tx.getTransactionContext();
    await tx.getConnection().execute(`set local session_replication_role = replica`, [], 'run', ctx);
    await tx.getConnection().execute(`update invoices set issue_date = ?, due_date = ? where id = ?`, [issueDate, dueDate, id], 'run', ctx);
  });
}

const line = (net: string, taxRate: 19 | 7) => [{ description: 'Leistung', quantity: '1', unit: 'pauschal', unitPrice: net, taxRate }];

describe('invoice statistics', () => {
  it('paid per month, invoiced per month, outstanding, overdue, days to payment and top customers', async () => {
    const customer = await invoiceCustomer(admin, { name: unique('Statistikkunde') });
    // A: 100 net + 19 % = 119.00, issued 10.01.2019, paid in full 30 days later.
    const a = await finalizedInvoice(admin, customer.id, { lines: line('100.00', 19) });
    await issuedOn(a.id, '2019-01-10', '2019-01-24');
    await admin.invoices.payments.add.mutate({ invoiceId: a.id, amount: '119.00', paymentDate: '2019-02-09' });
    // B: 200 net + 7 % = 214.00, issued 01.03.2019, 100.00 paid, the rest overdue.
    const b = await finalizedInvoice(admin, customer.id, { lines: line('200.00', 7) });
    await issuedOn(b.id, '2019-03-01', '2019-03-15');
    await admin.invoices.payments.add.mutate({ invoiceId: b.id, amount: '100.00', paymentDate: '2019-03-20' });
    // D: 50 net, issued 05.03.2019, cancelled today (the cancellation counts in today's month).
    const d = await finalizedInvoice(admin, customer.id, { lines: line('50.00', 19) });
    await issuedOn(d.id, '2019-03-05', '2019-03-19');
    await admin.invoices.cancel.mutate({ id: d.id });
    // F: issued today, 10 net + 19 % = 11.90, open and not yet due. E: a draft.
    await finalizedInvoice(admin, customer.id, { lines: line('10.00', 19) });
    await draftInvoice(admin, customer.id);

    const s2019 = await admin.invoices.statistics.query({ year: 2019, customerId: customer.id });
    const months = (values: Record<number, string>) => Array.from({ length: 12 }, (_, i) => values[i + 1] ?? '0.00');
    expect(s2019.paidByMonth.map((m) => m.amount)).toEqual(months({ 2: '119.00', 3: '100.00' }));
    expect(s2019.paidThisYear).toBe('219.00');
    expect(s2019.invoicedByMonth.map((m) => m.netAmount)).toEqual(months({ 1: '100.00', 3: '250.00' }));
    expect(s2019.invoicedThisYear).toBe('350.00');
    expect(s2019.averageDaysToPayment).toBe('30.0');
    expect(s2019.topCustomers).toEqual([{ id: customer.id, name: customer.name, paidAmount: '219.00', invoicedNet: '350.00' }]);
    // Open and overdue look at today, whatever the year: B's rest is overdue, F is open.
    expect(s2019).toMatchObject({ outstandingAmount: '125.90', outstandingCount: 2, overdueCount: 1, overdueAmount: '114.00', draftCount: 1 });

    const thisYear = Number(berlinToday().slice(0, 4));
    const now = await admin.invoices.statistics.query({ customerId: customer.id });
    expect(now.year).toBe(thisYear);
    // Today: F (+10.00) and D's cancellation (−50.00).
    expect(now.invoicedThisYear).toBe('-40.00');
    expect(now.paidThisYear).toBe('0.00');
    expect(now.averageDaysToPayment).toBeNull();
  });

  it('counts money paid back against what was paid: a refund lowers paid in its month and for the customer', async () => {
    const customer = await invoiceCustomer(admin, { name: unique('Erstattungskunde') });
    const today = berlinToday();
    // 119.00 paid in full, then a credit note of 11.90 and those 11.90 paid back.
    const g = await finalizedInvoice(admin, customer.id, { lines: line('100.00', 19) });
    await admin.invoices.payments.add.mutate({ invoiceId: g.id, amount: '119.00', paymentDate: today });
    const note = await admin.invoices.creditNotes.create.mutate({ invoiceId: g.id, lines: line('10.00', 19) });
    await admin.invoices.finalize.mutate({ id: note.id });
    await admin.invoices.refunds.record.mutate({ invoiceId: g.id, amount: '11.90', refundDate: today });
    const s = await admin.invoices.statistics.query({ customerId: customer.id });
    expect(s.paidByMonth[Number(today.slice(5, 7)) - 1]?.amount).toBe('107.10');
    expect(s.paidThisYear).toBe('107.10');
    expect(s.topCustomers.map((c) => c.paidAmount)).toEqual(['107.10']);
  });
});
