import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSettlement } from '@workmate/db/bookkeeping/auto-settlement';
import { runInTransactionSubscribers } from '@workmate/db/events/in-transaction';
import { EVENTS } from '@workmate/domain/events';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { sampleXml, uploadEInvoice } from '../helpers/einvoices.ts';
import { freshDatabase } from '../helpers/fresh-db.ts';
import { berlinToday, draftInvoice, invoiceCustomer, prepareInvoicing } from '../helpers/invoices.ts';
import { errorOf, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Automatic postings (issue 16): each business event posts its journal entry in its own
 * transaction — invoice, cancellation, payments (partial, Skonto, changed, deleted), expenses
 * and their reimbursement, received invoices — once, into the active chart (SKR03 or SKR04),
 * under Soll- or Ist-Versteuerung; a locked month refuses the business event itself. Its own
 * database: it switches the chart and the VAT method and locks a month.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let admin: Client;
let accountant: Awaited<ReturnType<typeof userWithRole>>;

beforeAll(async () => {
  db = await freshDatabase('workmate_postings');
  app = await startTestApp({}, { databaseUrl: db.databaseUrl });
  admin = (await userWithRole(app, 'Admin')).client;
  accountant = await userWithRole(app, 'Accountant');
  await prepareInvoicing(admin);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const sql = <T extends object[] = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T>(query, params);
const today = berlinToday();

/** The entries posted for a business record: [kind, account number, cents] per line, in posting order. */
async function postings(sourceId: string): Promise<Array<[string, number, number]>> {
  const rows = await sql<Array<{ kind: string; number: number; amount: string }>>(
    `select e.kind, a.number, l.amount::text from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
     where e.source_id = ? order by e.entry_number, l.line_no`,
    [sourceId],
  );
  return rows.map((r) => [r.kind, r.number, Number(r.amount)]);
}

/** An account's balance in cents (by number; personal accounts by their owner). */
async function balance(where: { number?: number; chart?: string; customerId?: string; supplierId?: string }): Promise<number> {
  const [row] = await sql<Array<{ b: string }>>(
    `select coalesce(sum(l.amount), 0)::text as b from journal_lines l join ledger_accounts a on a.id = l.account_id
     where ${where.customerId ? 'a.customer_id = ?' : where.supplierId ? 'a.supplier_id = ?' : 'a.number = ? and a.chart = ?'}`,
    where.customerId ? [where.customerId] : where.supplierId ? [where.supplierId] : [where.number, where.chart ?? 'SKR03'],
  );
  return Number(row?.b ?? 0);
}

async function invoiceFor(customerId: string, skonto = false) {
  const client = accountant.client;
  const draft = await draftInvoice(client, customerId);
  const withTerms = skonto ? await client.invoices.update.mutate({ id: draft.id, version: draft.version, skontoPercent: '2', skontoDays: 14 }) : draft;
  return client.invoices.finalize.mutate({ id: withTerms.id });
}

// The default lines: 950.00 at 19 % (VAT 180.50) and 99.80 at 7 % (VAT 6.99): gross 1,237.29.
const GROSS = 123729;

describe('invoices', () => {
  it('posts a finalized invoice: Dr debtor gross / Cr revenue 19 and 7 % / Cr output VAT, once, with an open item', async () => {
    const customer = await invoiceCustomer(admin);
    const invoice = await invoiceFor(customer.id);
    const lines = await postings(invoice.id);
    const debtor = lines.find(([, n]) => n >= 10000)!;
    expect(debtor[2]).toBe(GROSS);
    expect(lines.filter(([, n]) => n < 10000).map(([k, n, a]) => [k, n, a]).sort()).toEqual(
      [
        ['invoice', 8400, -95000],
        ['invoice', 1776, -18050],
        ['invoice', 8300, -9980],
        ['invoice', 1771, -699],
      ].sort(),
    );
    const [entry] = await sql<Array<{ entry_date: string; document_number: string; description: string }>>(`select to_char(entry_date, 'YYYY-MM-DD') as entry_date, document_number, description from journal_entries where source_id = ?`, [invoice.id]);
    expect(entry).toMatchObject({ entry_date: today, document_number: invoice.number });
    // The event delivered again (a retry): nothing more is posted.
    await app.orm.em.fork().transactional((tx) => runInTransactionSubscribers(tx, EVENTS.invoiceFinalized, { invoiceId: invoice.id }));
    expect(await postings(invoice.id)).toHaveLength(lines.length);
    const open = await accountant.client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customer.id });
    expect(open.items.map((i) => [i.documentNumber, i.amount, i.open])).toEqual([[invoice.number, '1237.29', '1237.29']]);
    expect(open.parties).toEqual([expect.objectContaining({ partyId: customer.id, balance: '1237.29', openItems: '1237.29' })]);
  });

  it('posts a cancellation as the exact mirror on the original’s open item', async () => {
    const customer = await invoiceCustomer(admin);
    const invoice = await invoiceFor(customer.id);
    const { cancellation } = await accountant.client.invoices.cancel.mutate({ id: invoice.id, reason: 'Falsch' });
    const original = await postings(invoice.id);
    const mirror = await postings(cancellation.id);
    expect(mirror.map(([, n, a]) => [n, -a]).sort()).toEqual(original.map(([, n, a]) => [n, a]).sort());
    expect(await balance({ customerId: customer.id })).toBe(0);
    expect((await accountant.client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customer.id })).items).toEqual([]);
    const settled = await accountant.client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customer.id, includeSettled: true });
    expect(settled.items.map((i) => [i.id, i.amount, i.open])).toEqual([[invoice.id, '1237.29', '0.00']]);
  });
});

describe('payments', () => {
  it('posts a partial payment Dr bank / Cr debtor; a changed payment is reversed and posted again, a deleted one reversed', async () => {
    const customer = await invoiceCustomer(admin);
    const invoice = await invoiceFor(customer.id);
    const payment = await accountant.client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '200.00', paymentDate: today });
    expect(await postings(payment.id)).toEqual([
      ['receipt:1', 1200, 20000],
      ['receipt:1', expect.any(Number), -20000],
    ]);
    expect(await balance({ customerId: customer.id })).toBe(GROSS - 20000);
    const changed = await accountant.client.invoices.payments.update.mutate({ id: payment.id, version: payment.version, amount: '300.00' });
    expect((await postings(payment.id)).map(([k, n, a]) => [k, n, a])).toEqual([
      ['receipt:1', 1200, 20000],
      ['receipt:1', expect.any(Number), -20000],
      ['receipt:1:reversal', 1200, -20000],
      ['receipt:1:reversal', expect.any(Number), 20000],
      ['receipt:2', 1200, 30000],
      ['receipt:2', expect.any(Number), -30000],
    ]);
    // Only the notes changed: nothing to post.
    await accountant.client.invoices.payments.update.mutate({ id: payment.id, version: changed.version, notes: 'Kontoauszug 12' });
    expect(await postings(payment.id)).toHaveLength(6);
    expect(await balance({ customerId: customer.id })).toBe(GROSS - 30000);
    await accountant.client.invoices.payments.delete.mutate({ id: payment.id });
    expect((await postings(payment.id)).map(([k]) => k).slice(6)).toEqual(['receipt:2:reversal', 'receipt:2:reversal']);
    expect(await balance({ customerId: customer.id })).toBe(GROSS);
    const open = await accountant.client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customer.id });
    expect(open.items.map((i) => i.open)).toEqual(['1237.29']);
  });

  it('posts Skonto: Dr Skonto granted per rate and the output VAT correction / Cr debtor; the item is settled', async () => {
    const customer = await invoiceCustomer(admin);
    const invoice = await invoiceFor(customer.id, true);
    // 2 % of 1,237.29 = 24.75: pays 1,212.54.
    const payment = await accountant.client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1212.54', paymentDate: today });
    const lines = await postings(payment.id);
    const onAccount = (n: number) => lines.filter(([, m]) => m === n).reduce((s, [, , a]) => s + a, 0);
    expect(onAccount(1200)).toBe(121254);
    // The discount split per rate by gross share: 19 % 22.61 gross (19.00 net + 3.61 VAT), 7 % 2.14 (2.00 + 0.14).
    expect(onAccount(8736)).toBe(1900);
    expect(onAccount(1776)).toBe(361);
    expect(onAccount(8731)).toBe(200);
    expect(onAccount(1771)).toBe(14);
    expect(lines.reduce((s, [, , a]) => s + a, 0)).toBe(0);
    expect(await balance({ customerId: customer.id })).toBe(0);
    expect((await accountant.client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customer.id })).items).toEqual([]);
  });

  it('refuses a payment dated in a locked month with bookkeeping.periodLocked and records nothing', async () => {
    const customer = await invoiceCustomer(admin);
    const invoice = await invoiceFor(customer.id);
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    // A month before this one (January of last year in January), locked for good.
    const lockYear = month === 1 ? year - 1 : year;
    const lockMonth = month === 1 ? 12 : 1;
    await accountant.client.bookkeeping.periods.lock.mutate({ year: lockYear, month: lockMonth });
    const day = `${lockYear}-${String(lockMonth).padStart(2, '0')}-15`;
    const refused = await errorOf(accountant.client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '10.00', paymentDate: day }));
    expect(refused.appCode).toBe('bookkeeping.periodLocked');
    expect(refused.code).toBe('CONFLICT');
    expect((await accountant.client.invoices.payments.list.query({ invoiceId: invoice.id })).length).toBe(0);
    const expense = await errorOf(accountant.client.finance.expenses.create.mutate({ category: 'travel', title: 'Bahn', netAmount: '10.00', taxRate: 7, expenseDate: day }));
    expect(expense.appCode).toBe('bookkeeping.periodLocked');
    const [row] = await sql<Array<{ n: number }>>(`select count(*)::int as n from expenses where expense_date = ?`, [day]);
    expect(row?.n).toBe(0);
  });
});

describe('expenses and received invoices', () => {
  it('posts an expense (expense + input VAT / employee payable), its change, its reimbursement (payable / bank) and its deletion', async () => {
    const expense = await accountant.client.finance.expenses.create.mutate({ category: 'material', title: 'Kabel', netAmount: '100.00', taxRate: 19, expenseDate: today });
    expect(await postings(expense.id)).toEqual([
      ['expense:1', 3400, 10000],
      ['expense:1', 1576, 1900],
      ['expense:1', 1740, -11900],
    ]);
    const changed = await accountant.client.finance.expenses.update.mutate({ id: expense.id, version: expense.version, netAmount: '50.00', category: 'software' });
    expect((await postings(expense.id)).slice(3)).toEqual([
      ['expense:1:reversal', 3400, -10000],
      ['expense:1:reversal', 1576, -1900],
      ['expense:1:reversal', 1740, 11900],
      ['expense:2', 4806, 5000],
      ['expense:2', 1576, 950],
      ['expense:2', 1740, -5950],
    ]);
    await accountant.client.finance.expenses.reimburse.mutate({ id: changed.id, reimbursedOn: today });
    expect((await postings(expense.id)).slice(9)).toEqual([
      ['reimbursement:1', 1740, 5950],
      ['reimbursement:1', 1200, -5950],
    ]);
    await accountant.client.finance.expenses.delete.mutate({ id: expense.id });
    const all = await postings(expense.id);
    expect(all.slice(11).map(([k]) => k)).toEqual(['expense:2:reversal', 'expense:2:reversal', 'expense:2:reversal', 'reimbursement:1:reversal', 'reimbursement:1:reversal']);
    expect(all.reduce((s, [, , a]) => s + a, 0)).toBe(0);
  });

  it('posts an approved received invoice: expense + input VAT per rate / Cr the supplier’s creditor account, as an open item', async () => {
    const vatId = `DE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const upload = await uploadEInvoice(app, accountant.token, await sampleXml('CII', { vatId }));
    const inv = upload.body.invoice!;
    expect(await postings(inv.id)).toEqual([]);
    const approved = await accountant.client.purchases.inbox.approve.mutate({ id: inv.id });
    const lines = await postings(inv.id);
    const creditor = lines.find(([, n]) => n >= 70000)!;
    expect(-creditor[2]).toBe(Math.round(Number(approved.expenses.reduce((s, e) => s + Number(e.grossAmount), 0)) * 100));
    expect(lines.reduce((s, [, , a]) => s + a, 0)).toBe(0);
    expect(lines.filter(([, n]) => n === 1576 || n === 1571).reduce((s, [, , a]) => s + a, 0)).toBe(Math.round(approved.expenses.reduce((s, e) => s + Number(e.taxAmount), 0) * 100));
    const open = await accountant.client.bookkeeping.openItems.list.query({ side: 'creditor' });
    const item = open.items.find((i) => i.id === inv.id)!;
    expect(item.open).toBe(item.amount);
    expect(item.amount).toBe((-creditor[2] / 100).toFixed(2));
    const party = open.parties.find((p) => p.partyId === item.partyId)!;
    expect(party.balance).toBe(party.openItems);
  });

  it('refuses bad input and callers without bookkeeping.read on the open items', async () => {
    const bad = await errorOf(accountant.client.bookkeeping.openItems.list.query({ side: 'both' as never }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(Object.keys(bad.fieldErrors ?? {})).toContain('side');
    const employee = await userWithRole(app, 'Employee');
    expect((await errorOf(employee.client.bookkeeping.openItems.list.query({ side: 'debtor' }))).code).toBe('FORBIDDEN');
  });
});

describe('Ist-Versteuerung and SKR04', () => {
  it('under Ist posts the VAT as not yet due and moves each payment’s share to output VAT; the last payment moves the rest', async () => {
    await admin.core.settings.update.mutate({ vatMethod: 'ist' });
    try {
      const customer = await invoiceCustomer(admin);
      const invoice = await invoiceFor(customer.id);
      expect(await balance({ number: 1766 })).toBeLessThan(0);
      const inv = await postings(invoice.id);
      expect(inv.filter(([, n]) => n === 1766 || n === 1771 || n === 1765 || n === 1776).map(([, n, a]) => [n, a]).sort()).toEqual([
        [1765, -699],
        [1766, -18050],
      ]);
      const before19 = await balance({ number: 1776 });
      // A third: 412.43 of 1,237.29 makes 180.50 × 412.43 / 1,237.29 = 60.17 of the 19 % VAT due.
      const first = await accountant.client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '412.43', paymentDate: today });
      const share = (await postings(first.id)).filter(([, n]) => n === 1776).reduce((s, [, , a]) => s + a, 0);
      expect(share).toBe(-6017);
      await accountant.client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '824.86', paymentDate: today });
      // Settled: all of the VAT is due, none is left not yet due on this invoice.
      expect((await balance({ number: 1776 })) - before19).toBe(-18050);
      const notDue = await sql<Array<{ b: string }>>(
        `select coalesce(sum(l.amount), 0)::text as b from journal_lines l join ledger_accounts a on a.id = l.account_id
         where a.role like 'vatOutNotDue%' and l.entry_id in (select entry_id from journal_lines where open_item_id = ?)`,
        [invoice.id],
      );
      expect(notDue[0]?.b).toBe('0');
      // The settlement synced again (as after any redelivery) posts nothing new.
      const count = async () => (await sql<Array<{ n: number }>>(`select count(*)::int as n from journal_entries`))[0]?.n;
      const n = await count();
      await app.orm.em.fork().transactional((tx) => syncSettlement(tx, invoice.id));
      expect(await count()).toBe(n);
      const vat = await accountant.client.bookkeeping.reports.vatReturn.query({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
      expect(vat.fields['81tax']).toBe(((-(await balance({ number: 1776 }))) / 100).toFixed(2));
    } finally {
      await admin.core.settings.update.mutate({ vatMethod: 'soll' });
    }
  });

  it('under Ist a credit note on a paid invoice keeps the VAT of the money received due until it is paid back', async () => {
    await admin.core.settings.update.mutate({ vatMethod: 'ist' });
    try {
      const customer = await invoiceCustomer(admin);
      const invoice = await invoiceFor(customer.id);
      const before19 = await balance({ number: 1776 });
      const before7 = await balance({ number: 1771 });
      await accountant.client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '1237.29', paymentDate: today });
      expect((await balance({ number: 1776 })) - before19).toBe(-18050);
      // 2 × 95.00 at 19 % taken back (VAT 36.10): the customer now has 226.10 to get back, nothing refunded yet.
      const note = await accountant.client.invoices.creditNotes.create.mutate({ invoiceId: invoice.id, lines: [{ description: 'Zu viel', quantity: '2', unitPrice: '95.00', taxRate: 19 }] });
      await accountant.client.invoices.finalize.mutate({ id: note.id });
      // §17 UStG / Abschn. 17.1 (2) UStAE: the 180.50 output VAT stays due; the 36.10 waits on the not-yet-due account for the refund.
      expect((await balance({ number: 1776 })) - before19).toBe(-18050);
      expect((await balance({ number: 1771 })) - before7).toBe(-699);
      const notDue = await sql<Array<{ b: string }>>(
        `select coalesce(sum(l.amount), 0)::text as b from journal_lines l join ledger_accounts a on a.id = l.account_id
         where a.role = 'vatOutNotDue19' and l.entry_id in (select entry_id from journal_lines where open_item_id = ?)`,
        [invoice.id],
      );
      expect(notDue[0]?.b).toBe('3610');
      const open = await accountant.client.bookkeeping.openItems.list.query({ side: 'debtor', partyId: customer.id, includeSettled: true });
      expect(open.items.find((i) => i.id === invoice.id)?.open).toBe('-226.10');
      // Redelivered: nothing new.
      const count = async () => (await sql<Array<{ n: number }>>(`select count(*)::int as n from journal_entries`))[0]?.n;
      const n = await count();
      await app.orm.em.fork().transactional((tx) => syncSettlement(tx, invoice.id));
      expect(await count()).toBe(n);
    } finally {
      await admin.core.settings.update.mutate({ vatMethod: 'soll' });
    }
  });

  it('posts into SKR04 once it is the chosen chart', async () => {
    await admin.core.settings.update.mutate({ chartOfAccounts: 'SKR04' });
    try {
      const customer = await invoiceCustomer(admin);
      const invoice = await invoiceFor(customer.id);
      const lines = (await postings(invoice.id)).filter(([, n]) => n < 10000).map(([, n, a]) => [n, a]).sort();
      expect(lines).toEqual([
        [3801, -699],
        [3806, -18050],
        [4300, -9980],
        [4400, -95000],
      ]);
      const payment = await accountant.client.invoices.payments.add.mutate({ invoiceId: invoice.id, amount: '100.00', paymentDate: today, method: 'cash' });
      expect((await postings(payment.id))[0]).toEqual(['receipt:1', 1600, 10000]);
    } finally {
      await admin.core.settings.update.mutate({ chartOfAccounts: 'SKR03' });
    }
  });
});

describe('cost centres', () => {
  it('puts a project’s expense and revenue on the project’s cost centre; the budget shows what is consumed and left', async () => {
    const customer = await invoiceCustomer(admin);
    const project = await admin.projects.create.mutate({ title: 'Kostenstellen-Test', customerId: customer.id });
    const expense = await accountant.client.finance.expenses.create.mutate({ category: 'travel', title: 'Bahn', netAmount: '100.00', taxRate: 19, expenseDate: today, projectId: project.id });
    const draft = await draftInvoice(accountant.client, customer.id, { projectId: project.id });
    const invoice = await accountant.client.invoices.finalize.mutate({ id: draft.id });
    const year = Number(today.slice(0, 4));
    const centre = (await accountant.client.bookkeeping.costCentres.list.query({ year })).find((c) => c.projectId === project.id)!;
    expect(centre).toMatchObject({ code: `P-${project.projectNumber}`.slice(0, 20), budget: null, consumed: '100.00', remaining: null });
    const onCentre = await sql<Array<{ source_id: string; number: number }>>(
      `select e.source_id, a.number from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id where l.cost_centre_id = ? order by a.number`,
      [centre.id],
    );
    expect(onCentre.map((r) => [r.source_id, r.number])).toEqual([
      [expense.id, 4660],
      [invoice.id, 8300],
      [invoice.id, 8400],
    ]);
    const budgeted = await accountant.client.bookkeeping.costCentres.budget.mutate({ costCentreId: centre.id, year, amount: '250.00' });
    expect(budgeted).toMatchObject({ budget: '250.00', consumed: '100.00', remaining: '150.00' });
    const [audit] = await sql<Array<{ n: number }>>(`select count(*)::int as n from audit_log where entity = 'CostCentreBudget' and entity_id = ?`, [`${centre.id}:${year}`]);
    expect(audit?.n).toBe(1);
    // A changed expense changes the consumption (its reversal and new entry both carry the centre).
    await accountant.client.finance.expenses.update.mutate({ id: expense.id, version: expense.version, netAmount: '40.00' });
    expect((await accountant.client.bookkeeping.costCentres.list.query({ year })).find((c) => c.id === centre.id)).toMatchObject({ consumed: '40.00', remaining: '210.00' });
    // Bad input names the field and changes nothing; the auditor may not set budgets.
    const negative = await errorOf(accountant.client.bookkeeping.costCentres.budget.mutate({ costCentreId: centre.id, year, amount: '-1.00' }));
    expect(negative.code).toBe('BAD_REQUEST');
    expect(Object.keys(negative.fieldErrors ?? {})).toContain('amount');
    const unknown = await errorOf(accountant.client.bookkeeping.costCentres.budget.mutate({ costCentreId: '00000000-0000-4000-8000-000000000000', year, amount: '1.00' }));
    expect(unknown.fieldIssues && Object.keys(unknown.fieldIssues)).toContain('costCentreId');
    const auditor = await userWithRole(app, 'Auditor');
    expect((await errorOf(auditor.client.bookkeeping.costCentres.budget.mutate({ costCentreId: centre.id, year, amount: '1.00' }))).code).toBe('FORBIDDEN');
    expect((await accountant.client.bookkeeping.costCentres.list.query({ year })).find((c) => c.id === centre.id)?.budget).toBe('250.00');
    // Removed with null.
    expect((await accountant.client.bookkeeping.costCentres.budget.mutate({ costCentreId: centre.id, year, amount: null })).budget).toBeNull();
  });

  it('puts the expense of an employee of a department without a project on the department’s cost centre; a project’s centre wins', async () => {
    const code = `bk${Date.now().toString(36).slice(-6)}`;
    const department = await admin.core.departments.create.mutate({ name: 'Kundendienst', code });
    const fitter = await userWithRole(app, 'Accountant');
    await sql(`update employees set department_id = ? where id = ?`, [department.id, fitter.employee.id]);
    const year = Number(today.slice(0, 4));
    const plain = await fitter.client.finance.expenses.create.mutate({ category: 'material', title: 'Dichtungen', netAmount: '80.00', taxRate: 19, expenseDate: today });
    const centres = await accountant.client.bookkeeping.costCentres.list.query({ year });
    const centre = centres.find((c) => c.code === `D-${department.code}`);
    expect(department.code).toBe(code.toUpperCase());
    expect(centre).toMatchObject({ name: 'Kundendienst', projectId: null, consumed: '80.00' });
    const lineCentres = async (sourceId: string) =>
      (await sql<Array<{ number: number; cost_centre_id: string | null }>>(
        `select a.number, l.cost_centre_id from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id where e.source_id = ? order by l.line_no`,
        [sourceId],
      )).map((r) => [r.number, r.cost_centre_id]);
    // Only the expense line carries it (not the input VAT, not the payable).
    expect(await lineCentres(plain.id)).toEqual([[3400, centre?.id], [1576, null], [1740, null]]);
    // With a project: the project's centre, not the department's.
    const project = await admin.projects.create.mutate({ title: 'Abteilung vs. Projekt', customerId: (await invoiceCustomer(admin)).id });
    const onProject = await fitter.client.finance.expenses.create.mutate({ category: 'material', title: 'Rohre', netAmount: '50.00', taxRate: 19, expenseDate: today, projectId: project.id });
    const projectCentre = (await accountant.client.bookkeeping.costCentres.list.query({ year })).find((c) => c.projectId === project.id);
    expect(projectCentre?.code).toBe(`P-${project.projectNumber}`.slice(0, 20));
    expect((await lineCentres(onProject.id))[0]).toEqual([3400, projectCentre?.id]);
    // An employee without a department: no cost centre; the department's consumption is unchanged.
    const other = await accountant.client.finance.expenses.create.mutate({ category: 'material', title: 'Schrauben', netAmount: '5.00', taxRate: 19, expenseDate: today });
    expect((await lineCentres(other.id))[0]).toEqual([3400, null]);
    expect((await accountant.client.bookkeeping.costCentres.list.query({ year })).find((c) => c.id === centre?.id)?.consumed).toBe('80.00');
  });
});
